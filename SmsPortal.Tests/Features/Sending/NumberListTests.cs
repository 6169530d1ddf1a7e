using System.Text;
using SmsPortal.Web.Features.Sending;

namespace SmsPortal.Tests.Features.Sending;

public sealed class NumberListTests
{
    [Fact]
    public void TypedNumbersAreSplitAtLinesAndCommasNormalisedAndMergedWithEveryBadEntryKept()
    {
        var list = NumberList.FromText("13800138000\n+86 139-0013-9000，852 91234567; 008613800138000\nhello\n\n12345");

        Assert.Equal(["13800138000", "13900139000", "852 91234567"], list.Numbers);
        Assert.Equal(1, list.Duplicates);
        Assert.Equal([new BadNumber(5, "hello", "手机号码格式不正确"), new BadNumber(6, "12345", "手机号码格式不正确")], list.Bad);
    }

    [Fact]
    public void MoreTypedNumbersThanOneSendTakesAreRefusedWhole()
    {
        var list = NumberList.FromText(string.Join('\n', Enumerable.Range(0, NumberList.MaxNumbers + 1).Select(i => $"138{i:D8}")));

        Assert.Equal(NumberListError.TooManyRows, list.Error);
        Assert.Empty(list.Numbers);
    }

    [Fact]
    public async Task ACsvColumnIsFoundByItsHeaderAndBadRowsAreReportedWithTheirLine()
    {
        var list = await CsvAsync("name,手机号码,note\nAnn,13800138000,x\nBob,not a phone,y\n,,\nCy,13900139000,z\nDee,,w\n");

        Assert.Equal(["13800138000", "13900139000"], list.Numbers);
        Assert.Equal([new BadNumber(3, "not a phone", "手机号码格式不正确"), new BadNumber(6, "", "手机号码不能为空")], list.Bad);
    }

    [Fact]
    public async Task ACsvWithoutHeaderTakesItsFirstColumnFromTheFirstRow()
    {
        var list = await CsvAsync("13800138000;Ann\r\n13900139000;Bob\r\n13800138000;Ann again\r\n");

        Assert.Equal(["13800138000", "13900139000"], list.Numbers);
        Assert.Equal(1, list.Duplicates);
        Assert.Empty(list.Bad);
    }

    [Fact]
    public async Task AFirstRowWithoutDigitsIsAHeader()
    {
        var list = await CsvAsync("Recipients\n13800138000\n");

        Assert.Equal(["13800138000"], list.Numbers);
        Assert.Empty(list.Bad);
    }

    [Fact]
    public async Task AFileOverTheSizeCapOrTheRowCapIsRefusedWhole()
    {
        using var large = new MemoryStream(new byte[10]);
        var tooLarge = await NumberList.FromCsvAsync(large, NumberList.MaxFileBytes + 1, CancellationToken.None);
        var tooLong = await CsvAsync(string.Join('\n', Enumerable.Range(0, NumberList.MaxNumbers + 1).Select(i => $"138{i:D8}")));

        Assert.Equal(NumberListError.FileTooLarge, tooLarge.Error);
        Assert.Equal(NumberListError.TooManyRows, tooLong.Error);
        Assert.Empty(tooLong.Numbers);
    }

    private static async Task<NumberList> CsvAsync(string text)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return await NumberList.FromCsvAsync(stream, stream.Length, CancellationToken.None);
    }
}
