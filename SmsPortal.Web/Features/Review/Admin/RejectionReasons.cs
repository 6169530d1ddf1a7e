using SmsPortal.Domain.Review;

namespace SmsPortal.Web.Features.Review.Admin;

/// <summary>
/// The reasons an admin picks from (or edits) when rejecting. They are stored as written and reach the customer in
/// the console, by mail and in the review-result push, whose readers may read either language: so each carries
/// Chinese first (the vendor's customers and the push's <c>msg</c>) and English after.
/// </summary>
internal static class RejectionReasons
{
    public static IReadOnlyList<string> For(ReviewItemKind kind) => kind switch
    {
        ReviewItemKind.Verification =>
        [
            "营业执照图片不清晰或不完整（The business licence image is unclear or incomplete）",
            "企业名称与营业执照不一致（The company name does not match the business licence）",
            "统一社会信用代码与营业执照不一致（The credit code does not match the business licence）",
            "营业执照已过期或已注销（The business licence has expired or been cancelled）",
            "联系人信息无法核实（The contact details could not be verified）",
        ],
        ReviewItemKind.Signature =>
        [
            "签名与资质文件不一致（The signature does not match the supporting document）",
            "资质文件不清晰或已过期（The supporting document is unclear or expired）",
            "签名不能使用通用词汇或他人品牌（A signature cannot be a generic word or another party's brand）",
            "签名用途与资质文件不符（The purpose does not match the supporting document）",
        ],
        _ =>
        [
            "营销内容请以营销类型提交（Marketing content must be filed as a marketing template）",
            "营销短信须包含退订方式，如“回T退订”（Marketing SMS must say how to opt out, e.g. 回T退订）",
            "变量过多或位置不当，存在被滥用的风险（Too many or badly placed variables: open to abuse）",
            "模板内容涉及违规或敏感信息（The content is not allowed on the platform）",
            "验证码模板须说明用途与有效期（A verification-code template must state its use and validity）",
        ],
    };
}
