using SmsPortal.Domain.Sending;

namespace SmsPortal.Tests.Domain;

public sealed class EmojiTests
{
    [Theory]
    [InlineData("您的订单已发货😀")]                      // face, a surrogate pair
    [InlineData("🎉恭喜您中奖")]                          // at the start
    [InlineData("生日快乐🎂，祝您")]
    [InlineData("点赞👍🏻")]                               // with a skin tone
    [InlineData("家庭👨‍👩‍👧套餐")]                         // ZWJ sequence
    [InlineData("欢迎来到🇨🇳")]                           // flag: two regional indicators
    [InlineData("🏴󠁧󠁢󠁥󠁮󠁧󠁿足球")]                            // subdivision flag: tag characters
    [InlineData("按1️⃣确认")]                             // keycap with selector
    [InlineData("按#⃣确认")]                             // keycap without selector
    [InlineData("爱你❤️")]                               // text symbol made emoji by U+FE0F
    [InlineData("天气☀️晴")]
    [InlineData("已完成✅")]                              // BMP, emoji by default
    [InlineData("请带伞☔")]
    [InlineData("⭐五星好评")]
    [InlineData("注意⚡高压")]
    [InlineData("取消❌")]
    [InlineData("喝杯☕")]
    [InlineData("⛹‍♀运动")]                              // ZWJ between text-style pictographs
    [InlineData("🀄麻将")]
    [InlineData("🈶优惠")]
    [InlineData("🫠")]                                   // a recent emoji (Unicode 14)
    public void FindsEmojiInAllTheirForms(string text)
    {
        Assert.True(Emoji.Contains(text));
    }

    [Theory]
    [InlineData("您的验证码是：123456。请不要把验证码泄露给其他人。")]
    [InlineData("★限时优惠★全场五折")]
    [InlineData("客服热线☎400-800-8888")]
    [InlineData("已签收✔")]
    [InlineData("©2024 某某科技 ®™")]
    [InlineData("详情→点击链接")]
    [InlineData("※注意事项")]
    [InlineData("温度：25℃，湿度60%")]
    [InlineData("价格￥99.00")]
    [InlineData("𠮷野家欢迎您")]                          // a CJK character outside the BMP is no emoji
    [InlineData("ＶＩＰ会员")]
    [InlineData("Straße")]
    [InlineData("क्‍ष")]                                  // a ZWJ in Devanagari joins letters, not pictographs
    public void LeavesTextSymbolsAndRareCharactersAlone(string text)
    {
        Assert.False(Emoji.Contains(text));
    }

    [Fact]
    public void PointsAtTheStartOfTheEmoji()
    {
        Assert.Equal(7, Emoji.IndexOf("您的订单已发货😀"));
        Assert.Equal(2, Emoji.IndexOf("爱你❤️"));
        Assert.Equal(-1, Emoji.IndexOf("爱你"));
    }
}
