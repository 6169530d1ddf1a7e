using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsPortal.Infrastructure.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class VerifyVoice : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "VoiceFallbackSeconds",
                table: "VerifyServices",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CallAnswer",
                table: "Verifications",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CallDueAt",
                table: "Verifications",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "CallIsFallback",
                table: "Verifications",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CalledAt",
                table: "Verifications",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Verifications_CallDueAt",
                table: "Verifications",
                column: "CallDueAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Verifications_CallDueAt",
                table: "Verifications");

            migrationBuilder.DropColumn(
                name: "VoiceFallbackSeconds",
                table: "VerifyServices");

            migrationBuilder.DropColumn(
                name: "CallAnswer",
                table: "Verifications");

            migrationBuilder.DropColumn(
                name: "CallDueAt",
                table: "Verifications");

            migrationBuilder.DropColumn(
                name: "CallIsFallback",
                table: "Verifications");

            migrationBuilder.DropColumn(
                name: "CalledAt",
                table: "Verifications");
        }
    }
}
