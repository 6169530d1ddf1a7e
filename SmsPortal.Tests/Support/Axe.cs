using System.Text.Json;
using Microsoft.Playwright;

namespace SmsPortal.Tests.Support;

/// <summary>
/// axe-core (the npm package in SmsPortal.Tests/Peers) run inside Chromium on the page as it stands: the
/// colour-contrast and label rules, which is what WCAG AA asks of every console page.
/// </summary>
public static class Axe
{
    private static readonly Lazy<string> Script = new(() => File.ReadAllText(Path.Combine(Peers.Directory, "node_modules", "axe-core", "axe.min.js")));

    /// <summary>One line per failing element: rule, selector and axe's own explanation.</summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page)
    {
        // Once per document: a page reached inside the same circuit keeps the script it was given.
        if (!await page.EvaluateAsync<bool>("() => typeof axe !== 'undefined'"))
        {
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = Script.Value });
        }

        var json = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await axe.run(document, { runOnly: { type: 'rule', values: ['color-contrast', 'label', 'select-name', 'aria-input-field-name'] } });
              return result.violations.flatMap(v => v.nodes.map(n => v.id + ' ' + n.target.join(' ') + ': ' + n.failureSummary.replace(/\s+/g, ' ')));
            }
            """);
        return json.EnumerateArray().Select(e => e.GetString()!).ToList();
    }
}
