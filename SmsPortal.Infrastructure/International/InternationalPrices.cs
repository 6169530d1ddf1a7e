using System.Globalization;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Accounts;
using SmsPortal.Domain.International;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.International;

/// <summary>
/// The international price lists (decision 0034): the platform's, set by admins, and each reseller's for its customers.
/// A list is read and written whole as CSV (country, prefix, network, price and cost in yuan per segment); an import with
/// any problem changes nothing and lists every problem with its line. Sends ask <see cref="QuoteAsync"/>, for
/// international numbers only.
/// </summary>
public sealed class InternationalPrices(IDbContextFactory<SmsPortalDbContext> contexts, TimeProvider clock)
{
    /// <summary>The columns of the CSV file, in order (the header line).</summary>
    public static readonly IReadOnlyList<string> Columns = ["country", "prefix", "network", "price_cny", "cost_cny"];

    /// <summary>Largest file an import reads.</summary>
    public const long MaxFileBytes = 1024 * 1024;

    public async Task<IReadOnlyList<InternationalPrice>> ListAsync(int? sellerId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.InternationalPrices.AsNoTracking().Where(p => p.SellerAccountId == sellerId)
            .OrderBy(p => p.CountryCode).ThenBy(p => p.Prefix).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The price per segment for a number abroad sent by <paramref name="accountId"/>: a reseller's customer pays its
    /// reseller's price for the number's country (or network), else the platform's, which is the reseller's wholesale
    /// cost, and the reseller pays that cost from its money balance (<see cref="InternationalQuote.ResellerId"/>); anyone
    /// else the platform's. The cost is the platform's. Null when no list prices the number (for a reseller's customer:
    /// when the platform does not).
    /// </summary>
    public async Task<InternationalQuote?> QuoteAsync(int accountId, MobileNumber number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(number);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (reseller, resold) = await ParentAsync(db, accountId, cancellationToken);
        var lines = await db.InternationalPrices.AsNoTracking()
            .Where(p => p.CountryCode == number.CountryCode && (p.SellerAccountId == null || p.SellerAccountId == reseller))
            .ToListAsync(cancellationToken);
        return Quote(lines, reseller, resold, number);
    }

    /// <summary>
    /// The quotes of many numbers abroad at once, by the rule of <see cref="QuoteAsync"/> (a send's confirmation): the
    /// lines of their countries are read once. In the numbers' order; null where no list prices the number.
    /// </summary>
    public async Task<IReadOnlyList<InternationalQuote?>> QuoteAllAsync(int accountId, IReadOnlyList<MobileNumber> numbers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        if (numbers.Count == 0)
        {
            return [];
        }

        var countries = numbers.Select(n => n.CountryCode).Distinct().ToArray();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (reseller, resold) = await ParentAsync(db, accountId, cancellationToken);
        var lines = (await db.InternationalPrices.AsNoTracking()
            .Where(p => countries.Contains(p.CountryCode) && (p.SellerAccountId == null || p.SellerAccountId == reseller))
            .ToListAsync(cancellationToken))
            .ToLookup(p => p.CountryCode);
        return numbers.Select(n => Quote(lines[n.CountryCode], reseller, resold, n)).ToList();
    }

    /// <summary>The account's parent, and whether that parent is a reseller (whose customers' sends it pays wholesale).</summary>
    private static async Task<(int? Parent, bool IsReseller)> ParentAsync(SmsPortalDbContext db, int accountId, CancellationToken cancellationToken)
    {
        var parent = await db.Accounts.Where(a => a.Id == accountId)
            .Select(a => new { a.ParentAccountId, IsReseller = db.Accounts.Any(p => p.Id == a.ParentAccountId && p.Kind == AccountKind.Reseller) })
            .SingleOrDefaultAsync(cancellationToken);
        return (parent?.ParentAccountId, parent?.IsReseller == true);
    }

    private static InternationalQuote? Quote(IEnumerable<InternationalPrice> lines, int? reseller, bool resold, MobileNumber number)
    {
        var platform = PriceList.Resolve(lines.Where(l => l.SellerAccountId == null), l => l.CountryCode, l => l.Prefix, number.CountryCode, number.NationalNumber);
        var own = reseller is null ? null : PriceList.Resolve(lines.Where(l => l.SellerAccountId == reseller), l => l.CountryCode, l => l.Prefix, number.CountryCode, number.NationalNumber);
        if (resold)
        {
            // A reseller's customer: the reseller pays the platform's price from its money balance (decision 0034), so
            // a number the platform does not price cannot be resold, whatever the reseller's own list says.
            return platform is null ? null : new InternationalQuote(own?.PriceFen ?? platform.PriceFen, platform.CostFen, reseller, platform.PriceFen);
        }

        var price = own?.PriceFen ?? platform?.PriceFen;
        return price is null ? null : new InternationalQuote(price.Value, platform?.CostFen);
    }

    /// <summary>Writes a list as CSV, the form <see cref="ImportAsync"/> reads.</summary>
    public async Task WriteCsvAsync(int? sellerId, TextWriter writer, CancellationToken cancellationToken)
    {
        var lines = await ListAsync(sellerId, cancellationToken);
        await using var csv = CsvWriter.Create(writer, new CsvWriterOptions { FormatProvider = CultureInfo.InvariantCulture, NewLine = "\r\n" }, leaveOpen: true);
        csv.WriteHeader([.. Columns]);
        foreach (var line in lines)
        {
            csv.WriteField(line.CountryCode);
            csv.WriteField(line.Prefix);
            csv.WriteField(line.Network ?? "");
            csv.WriteField(Fen.Format(line.PriceFen));
            csv.WriteField(line.CostFen is { } cost ? Fen.Format(cost) : "");
            await csv.EndRecordAsync(cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// Replaces a list with the file's lines, or, when any line has a problem, changes nothing and returns every problem.
    /// A reseller's price is never below its wholesale cost (the platform's price) for the numbers the line covers.
    /// </summary>
    public async Task<IReadOnlyList<PriceListProblem>> ImportAsync(int? sellerId, Stream file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var (lines, problems) = await ReadAsync(file, sellerId is not null, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (sellerId is not null)
        {
            var platform = (await db.InternationalPrices.AsNoTracking().Where(p => p.SellerAccountId == null).ToListAsync(cancellationToken))
                .ConvertAll(p => new PriceLine(p.CountryCode, p.Prefix, p.Network, p.PriceFen, p.CostFen));
            foreach (var (number, line) in lines)
            {
                var floor = PriceList.WholesaleFloor(platform, line.CountryCode, line.Prefix);
                if (floor is null)
                {
                    problems.Add(new PriceListProblem(number, "Problem.NoWholesale", line.CountryCode + line.Prefix));
                }
                else if (line.PriceFen < floor)
                {
                    problems.Add(new PriceListProblem(number, "Problem.BelowCost", Fen.Format(floor.Value)));
                }
            }
        }

        if (problems.Count > 0)
        {
            return problems.OrderBy(p => p.Line).ToList();
        }

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.InternationalPrices.Where(p => p.SellerAccountId == sellerId).ExecuteDeleteAsync(cancellationToken);
        db.InternationalPrices.AddRange(lines.Select(l => new InternationalPrice
        {
            SellerAccountId = sellerId,
            CountryCode = l.Line.CountryCode,
            Prefix = l.Line.Prefix,
            Network = l.Line.Network,
            PriceFen = l.Line.PriceFen,
            CostFen = l.Line.CostFen,
            UpdatedAt = now,
        }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return [];
    }

    private static async Task<(List<(int Number, PriceLine Line)> Lines, List<PriceListProblem> Problems)> ReadAsync(Stream file, bool isResellers, CancellationToken cancellationToken)
    {
        var lines = new List<(int, PriceLine)>();
        var problems = new List<PriceListProblem>();
        var seen = new Dictionary<(string, string), int>();
        using var reader = new StreamReader(file, leaveOpen: true);
        var number = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            number++;
            if (number == 1)
            {
                text = text.TrimStart('\uFEFF');
            }

            var cells = CsvLine.Split(text)?.Select(c => c.Trim()).ToArray();
            if (cells is null)
            {
                problems.Add(new PriceListProblem(number, "Problem.NotCsv"));
                continue;
            }

            if (number == 1)
            {
                if (!cells.Select(c => c.ToLowerInvariant()).SequenceEqual(Columns))
                {
                    problems.Add(new PriceListProblem(1, "Problem.Header", string.Join(',', Columns)));
                }

                continue;
            }

            if (cells.All(c => c.Length == 0))
            {
                continue;
            }

            if (cells.Length != Columns.Count)
            {
                problems.Add(new PriceListProblem(number, "Problem.Columns", cells.Length.ToString(CultureInfo.InvariantCulture)));
                continue;
            }

            if (!Fen.TryParse(cells[3], out var price))
            {
                problems.Add(new PriceListProblem(number, "Problem.Price", cells[3]));
                continue;
            }

            long? cost = null;
            if (cells[4].Length > 0)
            {
                if (!Fen.TryParse(cells[4], out var parsed))
                {
                    problems.Add(new PriceListProblem(number, "Problem.Cost", cells[4]));
                    continue;
                }

                cost = parsed;
            }

            var line = new PriceLine(cells[0].TrimStart('+'), cells[1], cells[2].Length == 0 ? null : cells[2], price, cost);
            if (PriceList.Check(line, isResellers) is { } problem)
            {
                problems.Add(new PriceListProblem(number, problem, problem switch
                {
                    "Problem.Country" or "Problem.Mainland" => cells[0],
                    "Problem.Prefix" => cells[1],
                    "Problem.Network" => null,
                    "Problem.Price" => cells[3],
                    _ => cells[4],
                }));
                continue;
            }

            if (seen.TryGetValue((line.CountryCode, line.Prefix), out var first))
            {
                problems.Add(new PriceListProblem(number, "Problem.Duplicate", first.ToString(CultureInfo.InvariantCulture)));
                continue;
            }

            seen[(line.CountryCode, line.Prefix)] = number;
            lines.Add((number, line));
        }

        if (number == 0)
        {
            problems.Add(new PriceListProblem(1, "Problem.Header", string.Join(',', Columns)));
        }

        if (lines.Count > PriceList.MaxLines)
        {
            problems.Add(new PriceListProblem(PriceList.MaxLines + 2, "Problem.TooManyLines", PriceList.MaxLines.ToString(CultureInfo.InvariantCulture)));
        }

        return (lines, problems);
    }
}
