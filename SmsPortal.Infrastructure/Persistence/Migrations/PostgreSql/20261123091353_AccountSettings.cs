using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsPortal.Infrastructure.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AccountSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AllowedIps",
                table: "Accounts",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Limits_MaxIdenticalPerNumberPerDay",
                table: "Accounts",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Limits_MaxIdenticalPerNumberPerMinute",
                table: "Accounts",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Limits_MaxPerAccountPerDay",
                table: "Accounts",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Limits_MaxPerNumberPerDay",
                table: "Accounts",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Limits_MaxVerificationCodesPerNumberPerDay",
                table: "Accounts",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "MaskRecords",
                table: "Accounts",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ProtectedPushSecret",
                table: "Accounts",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReceiptPushUrl",
                table: "Accounts",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReplyPushUrl",
                table: "Accounts",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReviewPushUrl",
                table: "Accounts",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AllowedIps",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "Limits_MaxIdenticalPerNumberPerDay",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "Limits_MaxIdenticalPerNumberPerMinute",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "Limits_MaxPerAccountPerDay",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "Limits_MaxPerNumberPerDay",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "Limits_MaxVerificationCodesPerNumberPerDay",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "MaskRecords",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "ProtectedPushSecret",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "ReceiptPushUrl",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "ReplyPushUrl",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "ReviewPushUrl",
                table: "Accounts");
        }
    }
}
