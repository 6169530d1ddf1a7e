using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsPortal.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Resellers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Accounts_ParentAccountId",
                table: "Accounts");

            migrationBuilder.CreateTable(
                name: "ResellerBrands",
                columns: table => new
                {
                    AccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    PrimaryColour = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    SecondaryColour = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    SupportPhone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    SupportEmail = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    DefaultSignature = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    LogoFileName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    WholesaleUnit = table.Column<int>(type: "INTEGER", nullable: false),
                    WholesalePrice = table.Column<decimal>(type: "TEXT", precision: 12, scale: 4, nullable: false),
                    WholesalePackageSms = table.Column<int>(type: "INTEGER", nullable: true),
                    TrialCredits = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResellerBrands", x => x.AccountId);
                    table.ForeignKey(
                        name: "FK_ResellerBrands_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ResellerHosts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResellerHosts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ResellerHosts_ResellerBrands_AccountId",
                        column: x => x.AccountId,
                        principalTable: "ResellerBrands",
                        principalColumn: "AccountId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_ParentAccountId_Id",
                table: "Accounts",
                columns: new[] { "ParentAccountId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ResellerHosts_AccountId",
                table: "ResellerHosts",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_ResellerHosts_Name",
                table: "ResellerHosts",
                column: "Name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ResellerHosts");

            migrationBuilder.DropTable(
                name: "ResellerBrands");

            migrationBuilder.DropIndex(
                name: "IX_Accounts_ParentAccountId_Id",
                table: "Accounts");

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_ParentAccountId",
                table: "Accounts",
                column: "ParentAccountId");
        }
    }
}
