using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace SmsPortal.Infrastructure.Persistence;

/// <summary>Values as the SQLite model stores them, for the few paths that write with plain ADO.NET.</summary>
internal static class SqliteValues
{
    // The converter the SQLite context applies to every DateTimeOffset (see SqliteSmsPortalDbContext).
    private static readonly DateTimeOffsetToBinaryConverter TimeConverter = new();

    public static long Time(DateTimeOffset value) => (long)TimeConverter.ConvertToProvider(value)!;

    public static DateTimeOffset Time(long stored) => (DateTimeOffset)TimeConverter.ConvertFromProvider(stored)!;
}
