using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Xml;
using SmsPortal.Domain.Sending;

namespace SmsPortal.Web.Features.VendorApi;

/// <summary>
/// The vendor's answer layouts: XML in the vendor's namespace with the elements in its order, or JSON with
/// <c>code</c> a number and ids as strings of digits.
/// </summary>
internal static class VendorAnswers
{
    public const string Namespace = "http://106.ihuyi.com/";

    private static readonly JsonWriterOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <param name="root">SubmitResult, GetNumResult or AddTemplateResult.</param>
    /// <param name="fields">After code and msg, in order: smsid, num or templateid.</param>
    public static IResult Answer(bool json, string root, int code, string msg, params (string Name, object Value)[] fields)
    {
        if (json)
        {
            var body = new ArrayBufferWriter<byte>(128);
            using (var writer = new Utf8JsonWriter(body, Json))
            {
                writer.WriteStartObject();
                writer.WriteNumber("code", code);
                writer.WriteString("msg", msg);
                foreach (var (name, value) in fields)
                {
                    switch (value)
                    {
                        case string text:
                            writer.WriteString(name, text);
                            break;
                        case long number:
                            writer.WriteNumber(name, number);
                            break;
                        case int number:
                            writer.WriteNumber(name, number);
                            break;
                        default:
                            writer.WriteString(name, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                            break;
                    }
                }

                writer.WriteEndObject();
            }

            return Results.Bytes(body.WrittenMemory, "application/json; charset=utf-8");
        }

        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        xml.Append('<').Append(root).Append(" xmlns=\"").Append(Namespace).Append("\">\n");
        Element(xml, "code", code.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Element(xml, "msg", msg);
        foreach (var (name, value) in fields)
        {
            Element(xml, name, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "");
        }

        xml.Append("</").Append(root).Append(">\n");
        return Results.Text(xml.ToString(), "text/xml; charset=utf-8", Encoding.UTF8);
    }

    /// <summary>A refusal in the layout of the call's method: code and message, and 0 where the id or count would be.</summary>
    public static IResult Refusal(bool json, string? method, ResultCode code)
    {
        if (string.Equals(method, "GetNum", StringComparison.OrdinalIgnoreCase))
        {
            return Answer(json, "GetNumResult", (int)code, ResultMessages.GetNum(code), ("num", 0L));
        }

        return string.Equals(method, "AddTemplate", StringComparison.OrdinalIgnoreCase)
            ? Answer(json, "AddTemplateResult", (int)code, ResultMessages.AddTemplate(code), ("templateid", "0"))
            : Answer(json, "SubmitResult", (int)code, ResultMessages.Submit(code), ("smsid", "0"));
    }

    /// <summary>The layout a call asks for, from its path and query alone: the .json paths, format=json, method=.</summary>
    public static (bool Json, string? Method) StyleOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.Path.Value ?? "";
        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return (true, Path.GetFileNameWithoutExtension(path));
        }

        return (string.Equals(request.Query["format"], "json", StringComparison.OrdinalIgnoreCase), request.Query["method"].ToString());
    }

    private static void Element(StringBuilder xml, string name, string value) =>
        xml.Append('<').Append(name).Append('>').Append(EscapeXml(value)).Append("</").Append(name).Append(">\n");

    private static string EscapeXml(string value)
    {
        var settings = new XmlWriterSettings { ConformanceLevel = ConformanceLevel.Fragment };
        var text = new StringBuilder();
        using (var writer = XmlWriter.Create(text, settings))
        {
            writer.WriteString(value);
        }

        return text.ToString();
    }
}
