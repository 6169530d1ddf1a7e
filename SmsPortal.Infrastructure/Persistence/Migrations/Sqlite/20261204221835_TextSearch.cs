using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsPortal.Infrastructure.Persistence.Migrations.Sqlite
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

            // The records' text index (decision 0037, Records/MessageTextIndex): FTS5 trigrams of each message's account,
            // number and text, contentless (the text stays in Messages), case-sensitive as the records' filter is. It is
            // written by a background step up to the mark, never on the send path; this migration builds nothing, the
            // step indexes the existing messages in batches and the searches scan what it has not reached yet.
            migrationBuilder.Sql("CREATE VIRTUAL TABLE \"MessageTexts\" USING fts5(\"Account\", \"Mobile\", \"Text\", content='', tokenize='trigram case_sensitive 1');");
            migrationBuilder.Sql("CREATE TABLE \"MessageTextMarks\" (\"Id\" INTEGER NOT NULL CONSTRAINT \"PK_MessageTextMarks\" PRIMARY KEY, \"IndexedTo\" INTEGER NOT NULL);");
            migrationBuilder.Sql("INSERT INTO \"MessageTextMarks\" (\"Id\", \"IndexedTo\") VALUES (1, 0);");
            // Messages are not deleted and their account, number and text never change; should one be, the index follows
            // (a contentless table forgets a row given the values it was indexed with).
            migrationBuilder.Sql("""
                CREATE TRIGGER "Messages_TextIndex_Delete" AFTER DELETE ON "Messages"
                WHEN OLD."Id" <= (SELECT "IndexedTo" FROM "MessageTextMarks" WHERE "Id" = 1)
                BEGIN
                    INSERT INTO "MessageTexts" ("MessageTexts", rowid, "Account", "Mobile", "Text") VALUES ('delete', OLD."Id", char(57344 + ((OLD."AccountId" >> 24) & 4095), 57344 + ((OLD."AccountId" >> 12) & 4095), 57344 + (OLD."AccountId" & 4095)), OLD."Mobile", OLD."Text");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Messages_TextIndex_Update" AFTER UPDATE OF "AccountId", "Mobile", "Text" ON "Messages"
                WHEN OLD."Id" <= (SELECT "IndexedTo" FROM "MessageTextMarks" WHERE "Id" = 1)
                BEGIN
                    INSERT INTO "MessageTexts" ("MessageTexts", rowid, "Account", "Mobile", "Text") VALUES ('delete', OLD."Id", char(57344 + ((OLD."AccountId" >> 24) & 4095), 57344 + ((OLD."AccountId" >> 12) & 4095), 57344 + (OLD."AccountId" & 4095)), OLD."Mobile", OLD."Text");
                    INSERT INTO "MessageTexts" (rowid, "Account", "Mobile", "Text") VALUES (NEW."Id", char(57344 + ((NEW."AccountId" >> 24) & 4095), 57344 + ((NEW."AccountId" >> 12) & 4095), 57344 + (NEW."AccountId" & 4095)), NEW."Mobile", NEW."Text");
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER \"Messages_TextIndex_Update\";");
            migrationBuilder.Sql("DROP TRIGGER \"Messages_TextIndex_Delete\";");
            migrationBuilder.Sql("DROP TABLE \"MessageTextMarks\";");
            migrationBuilder.Sql("DROP TABLE \"MessageTexts\";");

            migrationBuilder.DropIndex(
                name: "IX_Messages_Pending",
                table: "Messages");
        }
    }
}
