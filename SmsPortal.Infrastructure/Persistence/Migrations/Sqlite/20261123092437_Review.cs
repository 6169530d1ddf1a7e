using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsPortal.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Review : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Document_FileName",
                table: "Signatures",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Document_Length",
                table: "Signatures",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Document_Type",
                table: "Signatures",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Purpose",
                table: "Signatures",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ReviewedBy",
                table: "Signatures",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SubmittedAt",
                table: "Signatures",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "MaxVariableLength",
                table: "MessageTemplates",
                type: "INTEGER",
                nullable: false,
                defaultValue: 8);

            migrationBuilder.AddColumn<string>(
                name: "Name",
                table: "MessageTemplates",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReviewedBy",
                table: "MessageTemplates",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SampleValues",
                table: "MessageTemplates",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SubmittedAt",
                table: "MessageTemplates",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "EnterpriseVerifications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    CompanyName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    ContactName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    ContactPhone = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    RejectionReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReviewedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReviewedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Licence_FileName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Licence_Length = table.Column<long>(type: "INTEGER", nullable: true),
                    Licence_Type = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EnterpriseVerifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EnterpriseVerifications_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReviewAuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ReviewerId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ReviewerName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ItemKind = table.Column<int>(type: "INTEGER", nullable: false),
                    ItemId = table.Column<int>(type: "INTEGER", nullable: false),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Decision = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    MailedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewAuditEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewAuditEntries_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SensitiveWordListStamps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    ChangedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SensitiveWordListStamps", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SensitiveWords",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Word = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Folded = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SensitiveWords", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "SensitiveWordListStamps",
                columns: new[] { "Id", "ChangedAt", "Version" },
                values: new object[] { 1, null, 0L });

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_State_SubmittedAt",
                table: "Signatures",
                columns: new[] { "State", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_MessageTemplates_State_SubmittedAt",
                table: "MessageTemplates",
                columns: new[] { "State", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_EnterpriseVerifications_AccountId",
                table: "EnterpriseVerifications",
                column: "AccountId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EnterpriseVerifications_State_SubmittedAt",
                table: "EnterpriseVerifications",
                columns: new[] { "State", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewAuditEntries_AccountId_At",
                table: "ReviewAuditEntries",
                columns: new[] { "AccountId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewAuditEntries_At",
                table: "ReviewAuditEntries",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewAuditEntries_ItemKind_ItemId",
                table: "ReviewAuditEntries",
                columns: new[] { "ItemKind", "ItemId" });

            migrationBuilder.CreateIndex(
                name: "IX_SensitiveWords_Folded",
                table: "SensitiveWords",
                column: "Folded",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EnterpriseVerifications");

            migrationBuilder.DropTable(
                name: "ReviewAuditEntries");

            migrationBuilder.DropTable(
                name: "SensitiveWordListStamps");

            migrationBuilder.DropTable(
                name: "SensitiveWords");

            migrationBuilder.DropIndex(
                name: "IX_Signatures_State_SubmittedAt",
                table: "Signatures");

            migrationBuilder.DropIndex(
                name: "IX_MessageTemplates_State_SubmittedAt",
                table: "MessageTemplates");

            migrationBuilder.DropColumn(
                name: "Document_FileName",
                table: "Signatures");

            migrationBuilder.DropColumn(
                name: "Document_Length",
                table: "Signatures");

            migrationBuilder.DropColumn(
                name: "Document_Type",
                table: "Signatures");

            migrationBuilder.DropColumn(
                name: "Purpose",
                table: "Signatures");

            migrationBuilder.DropColumn(
                name: "ReviewedBy",
                table: "Signatures");

            migrationBuilder.DropColumn(
                name: "SubmittedAt",
                table: "Signatures");

            migrationBuilder.DropColumn(
                name: "MaxVariableLength",
                table: "MessageTemplates");

            migrationBuilder.DropColumn(
                name: "Name",
                table: "MessageTemplates");

            migrationBuilder.DropColumn(
                name: "ReviewedBy",
                table: "MessageTemplates");

            migrationBuilder.DropColumn(
                name: "SampleValues",
                table: "MessageTemplates");

            migrationBuilder.DropColumn(
                name: "SubmittedAt",
                table: "MessageTemplates");
        }
    }
}
