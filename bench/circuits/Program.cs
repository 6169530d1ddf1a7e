// 500 concurrent Blazor Server circuits on the records page (issue 15). bench/circuits/run.sh runs it end to end.
//   CircuitsBench register <portal> <mail folder> <email> <password>
//   CircuitsBench probe <portal> <email> <password>            one circuit: its handlers and texts
//   CircuitsBench load <portal> <email> <password> <circuits> <seconds> <interval seconds> <portal pid> <gcdump>
using SmsPortal.Bench.Circuits;

var portal = new Uri(args[1].TrimEnd('/') + "/");
switch (args[0])
{
    case "register":
        await new Session(portal).RegisterAsync(args[3], args[4], args[2]);
        Console.WriteLine($"registered and confirmed {args[3]}");
        break;
    case "probe":
    {
        var cookie = await new Session(portal).SignInAsync(args[2], args[3]);
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false });
        await using var circuit = new Circuit(portal, cookie, "console/records");
        await circuit.StartAsync(http, RecordsPage.Loaded, TimeSpan.FromSeconds(30));
        foreach (var h in circuit.Handlers)
        {
            Console.WriteLine($"handler {h.Id} {h.EventName} c{h.ComponentId} <{h.Element} {string.Join(' ', h.Attributes.Select(a => $"{a.Key}=\"{a.Value}\""))}>");
        }

        foreach (var t in circuit.Texts)
        {
            Console.WriteLine($"text {t}");
        }

        Console.WriteLine($"batches {circuit.Batches}, error {circuit.Error}");
        break;
    }

    case "load":
        await new LoadRun(portal, args[2], args[3], int.Parse(args[4]), TimeSpan.FromSeconds(int.Parse(args[5])), TimeSpan.FromSeconds(double.Parse(args[6], System.Globalization.CultureInfo.InvariantCulture)), int.Parse(args[7]), args[8]).RunAsync();
        break;
    default:
        Console.Error.WriteLine("usage: register | probe | load (see Program.cs)");
        return 2;
}

return 0;
