using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SmsPortal.Infrastructure.Accounts;
using SmsPortal.Infrastructure.Billing;
using SmsPortal.Infrastructure.Bootstrap;
using SmsPortal.Infrastructure.Identity;
using SmsPortal.Infrastructure.Jobs;
using SmsPortal.Infrastructure.Ledger;
using SmsPortal.Infrastructure.Mail;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Platform;
using SmsPortal.Infrastructure.Pushes;
using SmsPortal.Infrastructure.Records;
using SmsPortal.Infrastructure.Resellers;
using SmsPortal.Infrastructure.Sending;
using SmsPortal.Infrastructure.Sending.Countries;
using SmsPortal.Infrastructure.Channels;
using SmsPortal.Infrastructure.Channels.Http;
using SmsPortal.Infrastructure.Channels.Modem;
using SmsPortal.Infrastructure.Channels.Simulator;
using SmsPortal.Infrastructure.Channels.Smpp.Server;
using SmsPortal.Infrastructure.Dispatch;
using SmsPortal.Infrastructure.Review;

namespace SmsPortal.Infrastructure;

public static class DependencyInjection
{
    /// <summary>Storage, jobs, mail, accounts: everything below the web layer, from configuration.</summary>
    public static NodeOptions AddInfrastructure(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddSingleton(TimeProvider.System);
        Observability.TelemetryRegistration.AddSmsPortalTelemetry(services);

        // First of all hosted services: the schema must be current before anything reads it (data-protection keys, jobs).
        services.AddHostedService<DatabaseInitializer>();
        var node = NodeOptions.From(configuration["Node:Roles"]);
        services.Configure<NodeOptions>(o => { o.Roles = node.Roles; o.WorkerCount = configuration.GetValue<int>("Node:WorkerCount"); });
        node.WorkerCount = configuration.GetValue<int>("Node:WorkerCount");

        var provider = services.AddSmsPortalDatabase(configuration, environment);
        services.Configure<DatabaseOptions>(configuration.GetSection(DatabaseOptions.Section));
        services.PostConfigure<DatabaseOptions>(o => o.Provider = provider);
        services.AddHealthChecks().AddDbContextCheck<SmsPortalDbContext>("database");

        // Keys in the database, so every node decrypts what another encrypted (cookies, API keys); encrypted there with
        // a certificate every node has, so a copy of the database alone decrypts nothing.
        services.AddDataProtection().SetApplicationName("SmsPortal").PersistKeysToDbContext<SmsPortalDbContext>()
            .ProtectKeysWithCertificate(DataProtectionCertificate.Load(configuration, environment));

        services.AddSmsPortalIdentity(configuration);
        services.Configure<BootstrapOptions>(configuration.GetSection(BootstrapOptions.Section));
        services.AddOptions<PlatformOptions>().Bind(configuration.GetSection(PlatformOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PlatformOptions>, PlatformOptionsValidator>();
        services.AddSingleton<IPublicUrls, PlatformPublicUrls>();

        services.Configure<MailOptions>(configuration.GetSection(MailOptions.Section));
        services.AddSingleton<MailPickupFolder>();
        if (string.IsNullOrWhiteSpace(configuration["Mail:SmtpHost"]))
        {
            services.AddSingleton<IMailSender, PickupFolderMailSender>();
        }
        else
        {
            services.AddSingleton<IMailSender, SmtpMailSender>();
        }

        services.AddSingleton<CreditLedger>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<AccountDirectory>();
        services.AddSingleton<AccountCountries>();
        services.AddSingleton<AccountSettingsService>();
        services.AddSingleton<Platform.PlatformCalendar>();
        services.AddSingleton<MessageRecords>();
        services.AddSingleton<MessageTextIndex>();
        if (provider == DatabaseProvider.Sqlite)
        {
            services.AddHostedService<MessageTextIndexer>();
        }

        services.AddSingleton<Statistics.SendStatistics>();
        services.AddSingleton<Statistics.DayRollups>();
        services.AddHostedService<Statistics.DayRollupsStarter>();
        services.AddSingleton<GettingStartedQuery>();
        services.AddSingleton<SmsPortal.Infrastructure.Platform.PlatformActivityQuery>();
        services.AddSingleton<SqliteWriteTurn>();
        services.AddSingleton<PipelineWriteTurn>();
        services.AddOptions<PushPumpOptions>().Bind(configuration.GetSection(PushPumpOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PushPumpOptions>, PushPumpOptionsValidator>();
        services.AddSingleton<PushOutbox>();
        services.AddSingleton<PushSecrets>();
        services.AddSingleton(sp => new PushStore(sp.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<SmsPortalDbContext>>(), PipelineStores.SqliteConnection(sp, provider)));
        services.AddReview(configuration);
        services.AddCustomerPushClient(configuration);
        services.AddOptions<SendingOptions>().Bind(configuration.GetSection(SendingOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SendingOptions>, SendingOptionsValidator>();
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>();
        services.AddSingleton<FailedAuthentications>();
        services.AddSingleton<AccountRateLimiter>();
        services.AddSingleton<UsedDynamicPasswords>();
        services.AddSingleton<SendingProfiles>();
        services.AddSingleton<ISensitiveWordSource, PlatformSensitiveWords>();
        services.AddSingleton<SubmissionWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<SubmissionWriter>());
        services.AddSingleton<SubmissionService>();
        services.AddCountryRules(configuration);
        services.AddOptions<SendBatchOptions>().Bind(configuration.GetSection(SendBatchOptions.Section))
            .Validate(o => !o.Problems().Any(), "Batches: a setting is out of range (see SendBatchOptions).").ValidateOnStart();
        services.AddSingleton<SendBatchSignal>();
        services.AddSingleton<SendBatches>();
        services.AddSingleton<International.InternationalPrices>();
        services.AddSingleton<International.ResellerPriceList>();

        services.Configure<DispatchOptions>(configuration.GetSection(DispatchOptions.Section));
        services.AddSingleton<IChannelFactory, SimulatorChannelFactory>();
        services.AddSingleton<ChannelSecrets>();
        services.AddSingleton<ChannelRegistry>();
        services.AddHostedService<ChannelHost>();
        services.AddSingleton<ChannelSummaries>();
        services.AddHealthChecks().AddCheck<ChannelsHealthCheck>("channels");
        Channels.Smpp.SmppChannelRegistration.AddSmppChannels(services, configuration);
        services.AddSingleton<ChannelRouter>();
        services.AddSingleton<ReplyInbox>();
        services.AddSingleton(sp => PipelineStores.Receipts(sp, provider));
        services.AddSingleton(sp => new ReceiptProcessor(sp.GetRequiredService<IReceiptStore>(), sp.GetRequiredService<PushOutbox>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<Observability.SmsPortalTelemetry>(), sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<ReceiptProcessor>>()));
        services.AddSingleton<IUpstreamEvents, UpstreamEvents>();
        services.AddSingleton<OutboxSweep>();
        services.AddSingleton<DispatchSignal>();
        services.AddSingleton(new WorkerIdentity(configuration["Node:Name"]));
        services.AddSingleton(sp => PipelineStores.Dispatch(sp, provider));
        services.AddSingleton(sp => new Dispatcher(sp.GetRequiredService<IDispatchStore>(), sp.GetRequiredService<ChannelRouter>(), sp.GetRequiredService<PushOutbox>(), sp.GetRequiredService<WorkerIdentity>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<Observability.SmsPortalTelemetry>(), sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<Dispatcher>>()));
        services.AddHostedService<DispatchStarter>();
        services.AddSmppServer(configuration, node);
        Doors.Smtp.SmtpDoorRegistration.AddSmtpDoor(services, configuration, environment, node);

        // Every node sends the pushes it owes (a web node writes replies from HTTP callbacks and review results).
        services.AddHostedService<PushPump>();
        if (node.RunsWorker)
        {
            services.AddHostedService<ClaimKeeper>();
            services.AddHostedService<DispatchPump>();
            services.AddHostedService<Verify.VerifyCallPump>();
            services.AddHostedService<SendBatchPump>();
            services.AddHostedService<SimulatorRecovery>();
        }
        services.AddHttpChannels();
        services.AddModemChannels();
        services.AddSingleton<StoredKeys>();
        services.AddBilling(configuration);
        services.AddResellers();
        services.AddOptions<Verify.VerifyOptions>().Bind(configuration.GetSection(Verify.VerifyOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<Verify.VerifyOptions>, Verify.VerifyOptionsValidator>();
        services.AddSingleton<Verify.VerifyKeys>();
        services.AddSingleton<Verify.VerifyServiceCatalog>();
        services.AddSingleton<Verify.Verifications>();
        services.AddSingleton<Channels.Voice.VoiceSimulator>();
        services.AddSingleton<Channels.Voice.VoiceChannels>();
        services.AddSingleton<Verify.VerifyCallSignal>();
        services.AddSingleton<Verify.VerifyCalls>();
        services.AddSingleton<Verify.VerifyCallCharges>();
        services.AddSingleton<Captcha.ICaptchaText, Captcha.RandomCaptchaText>();
        services.AddSingleton<Captcha.Captchas>();
        services.AddSingleton<Verify.VerifyStatistics>();
        services.AddOptions<Abuse.AbuseOptions>().Bind(configuration.GetSection(Abuse.AbuseOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<Abuse.AbuseOptions>, Abuse.AbuseOptionsValidator>();
        services.AddSingleton<Abuse.RangeBlocks>();
        services.AddSingleton<Abuse.AbuseRefusals>();
        services.AddSingleton<Abuse.AbuseGuard>();
        services.AddSingleton<Billing.Alerts.LowBalanceAlertSettings>();
        services.AddSmsPortalJobs(configuration, provider, node);
        return node;
    }
}
