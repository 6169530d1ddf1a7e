using System.Buffers.Binary;
using System.Text;

namespace SmsPortal.Bench.Circuits;

/// <summary>
/// What this client needs from one of Blazor Server's binary render batches (the format blazor.web.js reads): the
/// event handlers the batch attaches (with their element and its attributes), the text it writes, and the handler ids
/// it disposes. Layout: diffs of updated components (component id, edits of 16 bytes), reference frames of 20 bytes,
/// disposed component ids, disposed event handler ids (8 bytes each), a string table; the five offsets last.
/// </summary>
public sealed class RenderBatch
{
    private const int FrameSize = 20;
    private const int EditSize = 16;

    // RenderTreeFrameType and RenderTreeEditType values.
    private const int ElementFrame = 1, TextFrame = 2, AttributeFrame = 3, ComponentFrame = 4, RegionFrame = 5, MarkupFrame = 8;
    private const int PrependFrameEdit = 1, SetAttributeEdit = 3, UpdateTextEdit = 5, UpdateMarkupEdit = 8;

    private readonly byte[] data;
    private readonly int stringTable;

    private RenderBatch(byte[] data)
    {
        this.data = data;
        stringTable = Int(data.Length - 4);
    }

    public List<RenderedHandler> Handlers { get; } = [];

    public List<string> Texts { get; } = [];

    public List<ulong> DisposedHandlers { get; } = [];

    public int UpdatedComponents { get; private set; }

    /// <summary>The ids of the components this batch rendered (a diff each).</summary>
    public List<int> Components { get; } = [];

    public static RenderBatch Read(byte[] data)
    {
        var batch = new RenderBatch(data);
        batch.Parse();
        return batch;
    }

    private void Parse()
    {
        var diffs = Int(data.Length - 20);
        var frames = Int(data.Length - 16) + 4;
        var disposedHandlers = Int(data.Length - 8);
        var diffCount = Int(diffs);
        UpdatedComponents = diffCount;
        for (var d = 0; d < diffCount; d++)
        {
            var diff = Int(diffs + 4 + (4 * d));
            var componentId = Int(diff);
            Components.Add(componentId);
            var editCount = Int(diff + 4);
            for (var e = 0; e < editCount; e++)
            {
                var edit = diff + 8 + (EditSize * e);
                var type = Int(edit);
                var frame = Int(edit + 8);
                switch (type)
                {
                    case PrependFrameEdit:
                        Walk(frames, frame, componentId);
                        break;
                    case SetAttributeEdit:
                        Attribute(frames + (FrameSize * frame), componentId, null, null);
                        break;
                    case UpdateTextEdit:
                    case UpdateMarkupEdit:
                        AddText(String(Int(frames + (FrameSize * frame) + 4)));
                        break;
                }
            }
        }

        var disposedCount = Int(disposedHandlers);
        for (var i = 0; i < disposedCount; i++)
        {
            DisposedHandlers.Add(BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(disposedHandlers + 4 + (8 * i))));
        }
    }

    /// <summary>A frame and its subtree as a browser would insert them: elements with their attributes, text, nested regions.</summary>
    private void Walk(int frames, int index, int componentId)
    {
        var at = frames + (FrameSize * index);
        var type = Int(at);
        switch (type)
        {
            case ElementFrame:
            {
                var length = Int(at + 4);
                var name = String(Int(at + 8)) ?? "";
                var attributes = new Dictionary<string, string>();
                var pending = new List<int>();
                var child = index + 1;
                for (; child < index + length && Int(frames + (FrameSize * child)) == AttributeFrame; child++)
                {
                    var attribute = frames + (FrameSize * child);
                    var attributeName = String(Int(attribute + 4));
                    var value = String(Int(attribute + 8));
                    if (attributeName is not null && value is not null)
                    {
                        attributes[attributeName] = value;
                    }

                    pending.Add(attribute);
                }

                foreach (var attribute in pending)
                {
                    Attribute(attribute, componentId, name, attributes);
                }

                while (child < index + length)
                {
                    Walk(frames, child, componentId);
                    child += Length(frames, child);
                }

                break;
            }

            case RegionFrame:
            {
                var length = Int(at + 4);
                for (var child = index + 1; child < index + length; child += Length(frames, child))
                {
                    Walk(frames, child, componentId);
                }

                break;
            }

            case TextFrame:
            case MarkupFrame:
                AddText(String(Int(at + 4)));
                break;
        }
    }

    private int Length(int frames, int index)
    {
        var at = frames + (FrameSize * index);
        return Int(at) switch
        {
            ElementFrame or RegionFrame or ComponentFrame => Math.Max(1, Int(at + 4)),
            _ => 1,
        };
    }

    private void Attribute(int at, int componentId, string? element, IReadOnlyDictionary<string, string>? attributes)
    {
        var handler = BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(at + 12));
        var name = String(Int(at + 4));
        if (handler != 0 && name is not null && name.StartsWith("on", StringComparison.Ordinal))
        {
            Handlers.Add(new RenderedHandler(handler, name[2..], componentId, element, attributes ?? new Dictionary<string, string>()));
        }
    }

    private void AddText(string? text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            Texts.Add(text);
        }
    }

    private int Int(int at) => BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(at));

    private string? String(int index)
    {
        if (index < 0)
        {
            return null;
        }

        var at = Int(stringTable + (4 * index));
        // BinaryWriter's string: a 7-bit encoded byte length, then UTF-8.
        int length = 0, shift = 0;
        while (true)
        {
            var b = data[at++];
            length |= (b & 0x7f) << shift;
            if (b < 0x80)
            {
                break;
            }

            shift += 7;
        }

        return Encoding.UTF8.GetString(data, at, length);
    }
}
