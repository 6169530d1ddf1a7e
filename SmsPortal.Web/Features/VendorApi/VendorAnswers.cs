using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Xml;

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
