using System.Text;

namespace SmsPortal.Infrastructure.International;

/// <summary>
/// One line of a price list file as fields: commas between, a field in double quotes may hold commas and doubled quotes.
/// A price list's fields never span lines, so each line is read alone and keeps its own line number for the problems.
/// </summary>
internal static class CsvLine
{
    /// <summary>The fields, or null when a quote is left open or text follows a closing quote.</summary>
    public static IReadOnlyList<string>? Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (true)
        {
            field.Clear();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        return null;
                    }

                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(line[i++]);
                }

                if (i < line.Length && line[i] != ',')
                {
                    return null;
                }
            }
            else
            {
                while (i < line.Length && line[i] != ',')
                {
                    field.Append(line[i++]);
                }
            }

            fields.Add(field.ToString());
            if (i >= line.Length)
            {
                return fields;
            }

            i++; // the comma
        }
    }
}
