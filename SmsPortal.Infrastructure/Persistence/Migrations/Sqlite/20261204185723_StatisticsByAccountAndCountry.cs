using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsPortal.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StatisticsByAccountAndCountry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The rollups are derived data: folded days hold no money sums, no country rows and no account on their
            // pending messages. They are cleared here and the job folds every finished day again (decision 0037).
            migrationBuilder.Sql("DELETE FROM \"MessageDayPendings\";");
            migrationBuilder.Sql("DELETE FROM \"MessageDayCounts\";");
            migrationBuilder.Sql("DELETE FROM \"MessageDayFolds\";");

            migrationBuilder.AddColumn<int>(
                name: "AccountId",
                table: "MessageDayPendings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "MoneyFen",
                table: "MessageDayCounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateIndex(
                name: "IX_MessageDayPendings_AccountId_Day",
                table: "MessageDayPendings",
                columns: new[] { "AccountId", "Day" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MessageDayPendings_AccountId_Day",
                table: "MessageDayPendings");

            migrationBuilder.DropColumn(
                name: "AccountId",
                table: "MessageDayPendings");

            migrationBuilder.DropColumn(
                name: "MoneyFen",
                table: "MessageDayCounts");
        }
    }
}
