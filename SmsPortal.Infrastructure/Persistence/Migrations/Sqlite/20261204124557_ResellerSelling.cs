using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsPortal.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ResellerSelling : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Invoices_Number",
                table: "Invoices");

            migrationBuilder.AddColumn<string>(
                name: "TaxAddressAndPhone",
                table: "ResellerBrands",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TaxBankAndAccount",
                table: "ResellerBrands",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TaxName",
                table: "ResellerBrands",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TaxNumber",
                table: "ResellerBrands",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SellerAccountId",
                table: "Packages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "AwaitingCredits",
                table: "Orders",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "SellerAccountId",
                table: "Orders",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SellerAccountId",
                table: "Invoices",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Packages_SellerAccountId_IsActive",
                table: "Packages",
                columns: new[] { "SellerAccountId", "IsActive" });

            migrationBuilder.CreateIndex(
                name: "IX_Orders_SellerAccountId_AwaitingCredits_Id",
                table: "Orders",
                columns: new[] { "SellerAccountId", "AwaitingCredits", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_Number",
                table: "Invoices",
                column: "Number",
                unique: true,
                filter: "\"Number\" IS NOT NULL AND \"SellerAccountId\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_SellerAccountId_Number",
                table: "Invoices",
                columns: new[] { "SellerAccountId", "Number" },
                unique: true,
                filter: "\"Number\" IS NOT NULL AND \"SellerAccountId\" IS NOT NULL");

            migrationBuilder.AddForeignKey(
                name: "FK_Invoices_Accounts_SellerAccountId",
                table: "Invoices",
                column: "SellerAccountId",
                principalTable: "Accounts",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Orders_Accounts_SellerAccountId",
                table: "Orders",
                column: "SellerAccountId",
                principalTable: "Accounts",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Packages_Accounts_SellerAccountId",
                table: "Packages",
                column: "SellerAccountId",
                principalTable: "Accounts",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Invoices_Accounts_SellerAccountId",
                table: "Invoices");

            migrationBuilder.DropForeignKey(
                name: "FK_Orders_Accounts_SellerAccountId",
                table: "Orders");

            migrationBuilder.DropForeignKey(
                name: "FK_Packages_Accounts_SellerAccountId",
                table: "Packages");

            migrationBuilder.DropIndex(
                name: "IX_Packages_SellerAccountId_IsActive",
                table: "Packages");

            migrationBuilder.DropIndex(
                name: "IX_Orders_SellerAccountId_AwaitingCredits_Id",
                table: "Orders");

            migrationBuilder.DropIndex(
                name: "IX_Invoices_Number",
                table: "Invoices");

            migrationBuilder.DropIndex(
                name: "IX_Invoices_SellerAccountId_Number",
                table: "Invoices");

            migrationBuilder.DropColumn(
                name: "TaxAddressAndPhone",
                table: "ResellerBrands");

            migrationBuilder.DropColumn(
                name: "TaxBankAndAccount",
                table: "ResellerBrands");

            migrationBuilder.DropColumn(
                name: "TaxName",
                table: "ResellerBrands");

            migrationBuilder.DropColumn(
                name: "TaxNumber",
                table: "ResellerBrands");

            migrationBuilder.DropColumn(
                name: "SellerAccountId",
                table: "Packages");

            migrationBuilder.DropColumn(
                name: "AwaitingCredits",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "SellerAccountId",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "SellerAccountId",
                table: "Invoices");

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_Number",
                table: "Invoices",
                column: "Number",
                unique: true,
                filter: "\"Number\" IS NOT NULL");
        }
    }
}
