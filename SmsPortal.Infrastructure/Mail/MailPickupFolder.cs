using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MimeKit;

namespace SmsPortal.Infrastructure.Mail;

public sealed record PickedUpMail(string Id, string To, string Subject, DateTimeOffset Date);

/// <summary>The folder of mails that were not sent by SMTP, newest first, for the admins' outbox page and for tests.</summary>
public sealed class MailPickupFolder(IOptions<MailOptions> options, IHostEnvironment environment, TimeProvider clock)
{
    public string Directory => Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.PickupDirectory));

    internal async Task<string> WriteAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var name = $"{clock.GetUtcNow():yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.eml";
        var path = Path.Combine(Directory, name);
        var temporary = path + ".tmp";
        await message.WriteToAsync(temporary, cancellationToken);
        File.Move(temporary, path);
        return path;
    }

    public async Task<IReadOnlyList<PickedUpMail>> ListAsync(int max, CancellationToken cancellationToken)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        var rows = new List<PickedUpMail>();
        foreach (var file in new DirectoryInfo(Directory).GetFiles("*.eml").OrderByDescending(f => f.Name).Take(max))
        {
            var message = await MimeMessage.LoadAsync(file.FullName, cancellationToken);
            rows.Add(new PickedUpMail(Path.GetFileNameWithoutExtension(file.Name), message.To.ToString(), message.Subject ?? "", message.Date));
        }

        return rows;
    }

    /// <summary>The HTML (or text) body of one mail; null when the id names no mail of this folder.</summary>
    public async Task<string?> ReadBodyAsync(string id, CancellationToken cancellationToken)
    {
        if (id.Length == 0 || id.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-'))
        {
            return null;
        }

        var path = Path.Combine(Directory, id + ".eml");
        if (!File.Exists(path))
        {
            return null;
        }

        var message = await MimeMessage.LoadAsync(path, cancellationToken);
        return message.HtmlBody ?? message.TextBody;
    }
}
