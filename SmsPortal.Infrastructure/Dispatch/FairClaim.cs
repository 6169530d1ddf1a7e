namespace SmsPortal.Infrastructure.Dispatch;

/// <summary>
/// Which waiting messages a claim takes, the same on SQLite and PostgreSQL: every account with messages waiting gets
/// an equal share of the claim (its oldest due ones), and what the shares leave free goes to the oldest due messages
/// of anyone. So one account's backlog delays another account's message by a claim, not by the backlog. The
/// accounts are found by walking the partial index of waiting messages, one seek per account, and each share is a
/// range of that index: the cost grows with the accounts waiting, not with the messages waiting.
/// Parameters: @p0 the time now (a message is due when its NextAttemptAt is null or not after it), @p2 the size.
/// </summary>
internal static class FairClaim
{
    /// <summary>The partial index of messages waiting for dispatch (Status = Accepted), by account and age.</summary>
    public const string WaitingIndex = "IX_Messages_Waiting";

    /// <summary>
    /// SQLite's planner, without statistics, takes the (Status, Id) index instead and reads every waiting message
    /// (seconds with a backlog of 200,000): the index is named, and CROSS JOIN keeps the accounts the outer loop
    /// there. PostgreSQL plans from its statistics (with a realistic number of accounts, the partial index for the
    /// walk and the shares; on a table of two or three accounts it may scan one account's share by primary key).
    /// </summary>
    public const string SqliteHint = " INDEXED BY \"" + WaitingIndex + "\"";

    /// <summary>The ids to claim, at most @p2, the shares first.</summary>
    public static string WaitingIds(string indexHint) =>
        "WITH RECURSIVE \"Waiting\"(\"AccountId\") AS ("
        + "SELECT (SELECT w0.\"AccountId\" FROM \"Messages\" w0" + indexHint + " WHERE w0.\"Status\" = 0 ORDER BY w0.\"AccountId\" LIMIT 1) "
        + "UNION ALL SELECT (SELECT w1.\"AccountId\" FROM \"Messages\" w1" + indexHint + " WHERE w1.\"Status\" = 0 AND w1.\"AccountId\" > w.\"AccountId\" ORDER BY w1.\"AccountId\" LIMIT 1) "
        + "FROM \"Waiting\" w WHERE w.\"AccountId\" IS NOT NULL), "
        + "\"Share\"(\"Size\") AS (SELECT CASE WHEN COUNT(*) = 0 THEN @p2 ELSE (@p2 + COUNT(*) - 1) / COUNT(*) END FROM \"Waiting\" WHERE \"AccountId\" IS NOT NULL), "
        + "\"Due\"(\"Id\", \"Later\") AS ("
        + "SELECT f.\"Id\", 0 FROM \"Waiting\" w CROSS JOIN \"Messages\" f" + indexHint + " WHERE f.\"Status\" = 0 AND f.\"AccountId\" = w.\"AccountId\" AND " + Due("f")
        + " AND f.\"Id\" <= COALESCE((SELECT g.\"Id\" FROM \"Messages\" g" + indexHint + " WHERE g.\"Status\" = 0 AND g.\"AccountId\" = w.\"AccountId\" AND " + Due("g")
        + " ORDER BY g.\"Id\" LIMIT 1 OFFSET (SELECT \"Size\" - 1 FROM \"Share\")), 9223372036854775807) "
        + "UNION ALL SELECT * FROM (SELECT o.\"Id\", 1 FROM \"Messages\" o WHERE o.\"Status\" = 0 AND " + Due("o") + " ORDER BY o.\"Id\" LIMIT @p2) AS \"Oldest\") "
        + "SELECT \"Id\" FROM \"Due\" GROUP BY \"Id\" ORDER BY MIN(\"Later\"), \"Id\" LIMIT @p2";

    private static string Due(string alias) => $"({alias}.\"NextAttemptAt\" IS NULL OR {alias}.\"NextAttemptAt\" <= @p0)";
}
