using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsPortal.Infrastructure.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class SmppForwarding : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "SmppSentAt",
                table: "Replies",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SmppReceipt",
                table: "Messages",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Messages_SmppReceiptWanted",
                table: "Messages",
                columns: new[] { "AccountId", "Id" },
                filter: "\"SmppReceipt\" = 1");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_SmppReceiptWanted",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "SmppSentAt",
                table: "Replies");

            migrationBuilder.DropColumn(
                name: "SmppReceipt",
                table: "Messages");
        }
    }
}
