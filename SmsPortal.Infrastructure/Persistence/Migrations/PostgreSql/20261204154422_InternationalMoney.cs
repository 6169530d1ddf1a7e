using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SmsPortal.Infrastructure.Persistence.Migrations.PostgreSql
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
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "MoneyFen",
                table: "Orders",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "CostFen",
                table: "Messages",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Country",
                table: "Messages",
                type: "character varying(4)",
                maxLength: 4,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PriceFen",
                table: "Messages",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Currency",
                table: "LedgerEntries",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "InternationalPrices",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SellerAccountId = table.Column<int>(type: "integer", nullable: true),
                    CountryCode = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    Prefix = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Network = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    PriceFen = table.Column<long>(type: "bigint", nullable: false),
                    CostFen = table.Column<long>(type: "bigint", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
