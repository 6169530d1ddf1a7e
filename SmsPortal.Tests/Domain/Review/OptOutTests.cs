using SmsPortal.Domain.Sending;

namespace SmsPortal.Tests.Domain.Review;

public sealed class OptOutTests
{
    [Theory]
    [InlineData("TD")]
    [InlineData("td")]
    [InlineData(" t d ")]
    [InlineData("ＴＤ")]
    [InlineData("T")]
    [InlineData("t。")]
    [InlineData("N")]
    [InlineData("R")]
    [InlineData("STOP")]
    [InlineData("Stop!")]
    [InlineData("ｓｔｏｐ")]
    [InlineData("unsubscribe")]
    [InlineData("退订")]
    [InlineData("退 订")]
    [InlineData("退订！")]
    [InlineData("请退订，谢谢")]
    [InlineData("退订回T")]
    [InlineData("回复TD退订")]
    [InlineData("TD退订")]
    [InlineData("拒收")]
    [InlineData("取消订阅")]
    [InlineData("不要再发了")]
    [InlineData("退")]
    [InlineData("取消")]
    public void RecognisesOptOutReplies(string reply)
    {
        Assert.True(OptOut.IsOptOutReply(reply));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("好的")]
    [InlineData("1234")]
    [InlineData("T恤什么时候发货")]
    [InlineData("No thanks, see you tomorrow")]
    [InlineData("Stopover in Shanghai")]
    [InlineData("我不退订")]
    [InlineData("别退订我")]
    [InlineData("取消订单")]
    [InlineData("TDD")]
    public void LeavesOtherRepliesAlone(string? reply)
    {
        Assert.False(OptOut.IsOptOutReply(reply));
    }
}
