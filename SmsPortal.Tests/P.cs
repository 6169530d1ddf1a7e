namespace SmsPortal.Tests; public class P { [Fact] public void A() { } }
