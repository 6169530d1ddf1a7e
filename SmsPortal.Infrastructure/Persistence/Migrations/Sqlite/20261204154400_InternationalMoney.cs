using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsPortal.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InternationalMoney : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_LedgerEntries_AccountId_Id",
                table: "LedgerEntries");

            migrationBuilder.AddColumn<long>(
                name: "MoneyFen",
                table: "Packages",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "MoneyFen",
                table: "Orders",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "CostFen",
                table: "Messages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Country",
                table: "Messages",
                type: "TEXT",
                maxLength: 4,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PriceFen",
                table: "Messages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Currency",
                table: "LedgerEntries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "InternationalPrices",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SellerAccountId = table.Column<int>(type: "INTEGER", nullable: true),
                    CountryCode = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    Prefix = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Network = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    PriceFen = table.Column<long>(type: "INTEGER", nullable: false),
                    CostFen = table.Column<long>(type: "INTEGER", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InternationalPrices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InternationalPrices_Accounts_SellerAccountId",
                        column: x => x.SellerAccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_AccountId_Currency_Id",
                table: "LedgerEntries",
                columns: new[] { "AccountId", "Currency", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_InternationalPrices_CountryCode_Prefix",
                table: "InternationalPrices",
                columns: new[] { "CountryCode", "Prefix" },
                unique: true,
                filter: "\"SellerAccountId\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_InternationalPrices_SellerAccountId_CountryCode_Prefix",
                table: "InternationalPrices",
                columns: new[] { "SellerAccountId", "CountryCode", "Prefix" },
                unique: true,
                filter: "\"SellerAccountId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InternationalPrices");

            migrationBuilder.DropIndex(
                name: "IX_LedgerEntries_AccountId_Currency_Id",
                table: "LedgerEntries");

            migrationBuilder.DropColumn(
                name: "MoneyFen",
                table: "Packages");

            migrationBuilder.DropColumn(
                name: "MoneyFen",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "CostFen",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "Country",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "PriceFen",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "Currency",
                table: "LedgerEntries");

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_AccountId_Id",
                table: "LedgerEntries",
                columns: new[] { "AccountId", "Id" });
        }
    }
}
