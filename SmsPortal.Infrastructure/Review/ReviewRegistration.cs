using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace SmsPortal.Infrastructure.Review;

internal static class ReviewRegistration
{
    public static void AddReview(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReviewOptions>().Bind(configuration.GetSection(ReviewOptions.Section))
            .Validate(o => o.MaxUploadBytes is >= 1024 and <= 100 * 1024 * 1024, "Review:MaxUploadBytes must be between 1024 and 104857600.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.UploadDirectory), "Review:UploadDirectory must name a folder.")
            .Validate(o => o.SensitiveWordsRefreshSeconds is >= 0 and <= 3600, "Review:SensitiveWordsRefreshSeconds must be between 0 and 3600.")
            .ValidateOnStart();
        services.AddSingleton<SensitiveWords>();
        services.AddSingleton<SensitiveWordList>();
        services.AddSingleton<UploadedDocuments>();
        services.AddSingleton<Blacklist>();
        services.AddSingleton<TemplateReviewService>();
        services.AddSingleton<SignatureService>();
        services.AddSingleton<VerificationService>();
        services.AddSingleton<ReviewNotifications>();
        services.AddSingleton<ReviewQueue>();
        services.AddSingleton<ReviewAuditLog>();
    }
}
