using Microsoft.Extensions.Options;
using SmsPortal.Infrastructure;
using SmsPortal.Web;

try
{
    var builder = WebApplication.CreateBuilder(args);
    var node = builder.Services.AddInfrastructure(builder.Configuration, builder.Environment);
    builder.Services.AddWeb(builder.Configuration, node);

    var app = builder.Build();
    app.UseWeb(node);
    app.Run();
    return 0;
}
catch (Exception exception) when (exception is ConfigurationException or OptionsValidationException)
{
    // A wrong setting is the installer's to fix: say which one, without a stack trace.
    Console.Error.WriteLine($"SmsPortal cannot start. {exception.Message}");
    return 1;
}

public partial class Program;
