using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SmsPortal.Domain.Sending;

namespace SmsPortal.Infrastructure.Sending;

/// <summary>
/// The SQLite acceptance store's INSERT of a Messages row, built from the EF Core model: every mapped column but the
/// generated id, each value read from the entity and converted as EF Core would store it. A column added to the
/// model is written without an edit here.
/// </summary>
internal sealed class SqliteMessageInsert
{
    private readonly Column[] _columns;

    public SqliteMessageInsert(IModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var entity = model.FindEntityType(typeof(Message)) ?? throw new InvalidOperationException("The model has no Messages table.");
        _columns = entity.GetProperties()
            .Where(p => !p.IsPrimaryKey())
            .Select(p => new Column(p.GetColumnName(), p.GetGetter(), p.GetTypeMapping().Converter))
            .ToArray();
        var names = string.Join(", ", _columns.Select(c => $"\"{c.Name}\""));
        var parameters = string.Join(", ", _columns.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture)));
        Sql = $"INSERT INTO \"Messages\" ({names}) VALUES ({parameters}) RETURNING \"Id\"";
    }

    public string Sql { get; }

    public int ParameterCount => _columns.Length;

    /// <summary>The column names written, in order (for tests and diagnostics).</summary>
    public IReadOnlyList<string> ColumnNames => _columns.Select(c => c.Name).ToList();

    /// <summary>Sets the prepared command's parameters to <paramref name="row"/>'s values.</summary>
    public void Bind(SqliteCommand command, Message row)
    {
        ArgumentNullException.ThrowIfNull(command);
        for (var i = 0; i < _columns.Length; i++)
        {
            var column = _columns[i];
            var value = column.Getter.GetClrValueUsingContainingEntity(row);
            if (value is not null && column.Converter is { } converter)
            {
                value = converter.ConvertToProvider(value);
            }

            command.Parameters[i].Value = value ?? DBNull.Value;
        }
    }

    private sealed record Column(string Name, IClrPropertyGetter Getter, ValueConverter? Converter);
}
