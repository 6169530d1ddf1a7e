using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsPortal.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AbuseDefence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "DailyCap",
                table: "VerifyServices",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1000);

            migrationBuilder.AddColumn<int>(
                name: "SentToday",
                table: "VerifyServices",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "SpendDay",
                table: "VerifyServices",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "AbuseRefusals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    ServiceId = table.Column<int>(type: "INTEGER", nullable: false),
                    Rule = table.Column<int>(type: "INTEGER", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Hour = table.Column<long>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AbuseRefusals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AbuseRefusals_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RangeBlocks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    Range = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    HiddenDigits = table.Column<int>(type: "INTEGER", nullable: false),
                    Codes = table.Column<int>(type: "INTEGER", nullable: false),
                    WindowSeconds = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LiftedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    MailedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RangeBlocks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RangeBlocks_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AbuseRefusals_AccountId_LastAt",
                table: "AbuseRefusals",
                columns: new[] { "AccountId", "LastAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AbuseRefusals_AccountId_ServiceId_Rule_Subject_Hour",
                table: "AbuseRefusals",
                columns: new[] { "AccountId", "ServiceId", "Rule", "Subject", "Hour" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RangeBlocks_AccountId_ExpiresAt",
                table: "RangeBlocks",
                columns: new[] { "AccountId", "ExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_RangeBlocks_ExpiresAt",
                table: "RangeBlocks",
                column: "ExpiresAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AbuseRefusals");

            migrationBuilder.DropTable(
                name: "RangeBlocks");

            migrationBuilder.DropColumn(
                name: "DailyCap",
                table: "VerifyServices");

            migrationBuilder.DropColumn(
                name: "SentToday",
                table: "VerifyServices");

            migrationBuilder.DropColumn(
                name: "SpendDay",
                table: "VerifyServices");
        }
    }
}
