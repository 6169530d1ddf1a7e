using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsPortal.Infrastructure.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class TextSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Messages_Pending",
                table: "Messages",
                columns: new[] { "AccountId", "Id" },
                filter: "\"Status\" IN (0, 1, 5)");

            // The records' text filters (decision 0037): trigram GIN indexes serve their LIKE '%…%' on numbers and texts.
            // Built concurrently (outside the migration's transaction), so a large table keeps accepting messages meanwhile;
            // a build stopped half-way leaves an invalid index, dropped and built again here on the next start.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            migrationBuilder.Sql("DROP INDEX CONCURRENTLY IF EXISTS \"IX_Messages_Text_Trigrams\";", suppressTransaction: true);
            migrationBuilder.Sql("CREATE INDEX CONCURRENTLY \"IX_Messages_Text_Trigrams\" ON \"Messages\" USING gin (\"Text\" gin_trgm_ops);", suppressTransaction: true);
            migrationBuilder.Sql("DROP INDEX CONCURRENTLY IF EXISTS \"IX_Messages_Mobile_Trigrams\";", suppressTransaction: true);
            migrationBuilder.Sql("CREATE INDEX CONCURRENTLY \"IX_Messages_Mobile_Trigrams\" ON \"Messages\" USING gin (\"Mobile\" gin_trgm_ops);", suppressTransaction: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS \"IX_Messages_Mobile_Trigrams\";");
            migrationBuilder.Sql("DROP INDEX IF EXISTS \"IX_Messages_Text_Trigrams\";");

            migrationBuilder.DropIndex(
                name: "IX_Messages_Pending",
                table: "Messages");
        }
    }
}
