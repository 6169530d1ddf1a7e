using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsPortal.Infrastructure.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ResellerWholesale : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ResellerAccountId",
                table: "Messages",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "WholesaleFen",
                table: "Messages",
                type: "bigint",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ResellerAccountId",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "WholesaleFen",
                table: "Messages");
        }
    }
}
