using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsPortal.Infrastructure.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class MailDoor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ReceiptMailTo",
                table: "Messages",
                type: "character varying(254)",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ReceiptMailedAt",
                table: "Messages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "MailDoorSettings",
                columns: table => new
                {
                    AccountId = table.Column<int>(type: "integer", nullable: false),
                    SubjectIsMessage = table.Column<bool>(type: "boolean", nullable: false),
                    AllowedSenders = table.Column<string>(type: "character varying(5100)", maxLength: 5100, nullable: true),
                    MailReceipts = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MailDoorSettings", x => x.AccountId);
                    table.ForeignKey(
                        name: "FK_MailDoorSettings_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Messages_ReceiptMailOwed",
                table: "Messages",
                column: "Id",
                filter: "\"ReceiptMailTo\" IS NOT NULL AND \"ReceiptMailedAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MailDoorSettings");

            migrationBuilder.DropIndex(
                name: "IX_Messages_ReceiptMailOwed",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "ReceiptMailTo",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "ReceiptMailedAt",
                table: "Messages");
        }
    }
}
