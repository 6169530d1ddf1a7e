namespace SmsPortal.Web.Features.Review;

/// <summary>Texts of the review pages, customer and admin (ReviewText.resx, ReviewText.zh-CN.resx).</summary>
public sealed class ReviewText;
