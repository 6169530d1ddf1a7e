using CsvHelper;
using SmsPortal.Domain.Sending;

namespace SmsPortal.Web.Features.Sending;

/// <param name="Row">The line of the file or the place in the typed list (1-based).</param>
/// <param name="Reason">The vendor's text for what the number parse said (手机号码格式不正确).</param>
internal sealed record BadNumber(int Row, string Text, string Reason);

internal enum NumberListError
{
    None = 0,
    FileTooLarge = 1,
    TooManyRows = 2,
    NotCsv = 3,
}

/// <summary>
/// The receiving numbers of one console send: normalised and without duplicates, with every entry that is not a number
/// kept for the page to show (never dropped silently). The numbers are read with the same rule as every door
/// (<see cref="MobileNumber.Parse"/>), so what the page counts is what the submission service will take.
/// </summary>
internal sealed record NumberList(IReadOnlyList<string> Numbers, IReadOnlyList<BadNumber> Bad, int Duplicates, NumberListError Error = NumberListError.None)
{
    /// <summary>Most numbers one send takes (a batch: Batches:MaxNumbers by default).</summary>
    public const int MaxNumbers = 100_000;

    /// <summary>Largest CSV accepted: 100,000 rows of a number and a few other columns (about 40 bytes a row) fit.</summary>
    public const long MaxFileBytes = 4 * 1024 * 1024;

    // Not the space: the vendor's international form is "852 91234567".
    private static readonly char[] Separators = ['\n', '\r', ',', ';', '\t', '，', '；', '、'];

    private static readonly string[] HeaderWords = ["mobile", "phone", "number", "tel", "手机", "号码", "电话"];

    public static NumberList Empty { get; } = new([], [], 0);

    public bool IsEmpty => Numbers.Count == 0 && Bad.Count == 0 && Error == NumberListError.None;

    /// <summary>Numbers as typed: one per line, or separated by commas or semicolons (Chinese ones too).</summary>
    public static NumberList FromText(string? text)
    {
        var entries = (text ?? "").Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return entries.Length > MaxNumbers
            ? new NumberList([], [], 0, NumberListError.TooManyRows)
            : From(entries.Select((entry, i) => (i + 1, entry)));
    }

    /// <summary>
    /// A CSV file with a column of numbers: the column whose header names a phone (mobile, 手机号码…), else the first.
    /// A first row that holds no digit in that column is taken as the header. Empty rows are skipped.
    /// </summary>
    public static async Task<NumberList> FromCsvAsync(Stream stream, long length, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (length > MaxFileBytes)
        {
            return new NumberList([], [], 0, NumberListError.FileTooLarge);
        }

        var rows = new List<(int Row, string Text)>();
        try
        {
            await using var reader = CsvReader.Create(stream, new CsvReaderOptions { HasHeader = false, MaxRecordSize = (int)MaxFileBytes }, false);
            var column = 0;
            var row = 0;
            while (await reader.ReadAsync(cancellationToken))
            {
                row++;
                if (row == 1)
                {
                    var cells = Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetString(i).Trim()).ToList();
                    var named = cells.FindIndex(c => HeaderWords.Any(w => c.Contains(w, StringComparison.OrdinalIgnoreCase)));
                    column = Math.Max(named, 0);
                    if (named >= 0 || !cells[column].Any(char.IsAsciiDigit))
                    {
                        continue;
                    }
                }

                var text = reader.FieldCount > column ? reader.GetString(column).Trim() : "";
                if (text.Length == 0 && Enumerable.Range(0, reader.FieldCount).All(i => reader.GetString(i).Trim().Length == 0))
                {
                    continue;
                }

                rows.Add((row, text));
                if (rows.Count > MaxNumbers)
                {
                    return new NumberList([], [], 0, NumberListError.TooManyRows);
                }
            }
        }
        catch (CsvFormatException)
        {
            return new NumberList([], [], 0, NumberListError.NotCsv);
        }

        return From(rows);
    }

    private static NumberList From(IEnumerable<(int Row, string Text)> entries)
    {
        var numbers = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var bad = new List<BadNumber>();
        var duplicates = 0;
        foreach (var (row, text) in entries)
        {
            var parsed = MobileNumber.Parse(text);
            if (!parsed.IsAccepted)
            {
                bad.Add(new BadNumber(row, text, parsed.Rejection!.Message));
            }
            else if (seen.Add(parsed.Value!.Value))
            {
                numbers.Add(parsed.Value.Value);
            }
            else
            {
                duplicates++;
            }
        }

        return new NumberList(numbers, bad, duplicates);
    }
}
