using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsPortal.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RecordsAtScale : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MessageDayCounts",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    By = table.Column<int>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Sent = table.Column<long>(type: "INTEGER", nullable: false),
                    Delivered = table.Column<long>(type: "INTEGER", nullable: false),
                    Failed = table.Column<long>(type: "INTEGER", nullable: false),
                    Parts = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MessageDayCounts", x => new { x.AccountId, x.By, x.Day, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "MessageDayFolds",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    OffsetMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    FoldedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    NextId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MessageDayFolds", x => x.Day);
                });

            migrationBuilder.CreateTable(
                name: "MessageDayPendings",
                columns: table => new
                {
                    MessageId = table.Column<long>(type: "INTEGER", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MessageDayPendings", x => x.MessageId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MessageDayCounts_By_Day",
                table: "MessageDayCounts",
                columns: new[] { "By", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_MessageDayPendings_Day",
                table: "MessageDayPendings",
                column: "Day");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MessageDayCounts");

            migrationBuilder.DropTable(
                name: "MessageDayFolds");

            migrationBuilder.DropTable(
                name: "MessageDayPendings");
        }
    }
}
