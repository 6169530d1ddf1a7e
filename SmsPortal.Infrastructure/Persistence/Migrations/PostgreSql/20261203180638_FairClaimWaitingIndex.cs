using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsPortal.Infrastructure.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class FairClaimWaitingIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Messages_Waiting",
                table: "Messages",
                columns: new[] { "AccountId", "Id" },
                filter: "\"Status\" = 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_Waiting",
                table: "Messages");
        }
    }
}
