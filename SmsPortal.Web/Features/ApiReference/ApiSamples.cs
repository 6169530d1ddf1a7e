namespace SmsPortal.Web.Features.ApiReference;

/// <summary>
/// The same request — POST /api/v1/messages with the platform's verification-code template — in seven languages,
/// with the portal's address and the account's API ID filled in. Each uses only what its language ships with
/// (Python: requests), so it runs as it is once YOUR_API_KEY is replaced.
/// </summary>
public static class ApiSamples
{
    public const string KeyPlaceholder = "YOUR_API_KEY";

    public static IReadOnlyList<ApiSample> For(string baseUrl, string apiId)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var url = baseUrl.TrimEnd('/') + "/api/v1/messages";
        return
        [
            new("curl", "send.sh", $$"""
                curl -i -X POST "{{url}}" \
                  -H "X-Api-Id: {{apiId}}" \
                  -H "X-Api-Key: {{KeyPlaceholder}}" \
                  -H "Content-Type: application/json" \
                  -d '{"mobile":"13800138000","templateId":1,"content":"1234"}'
                """),
            new("Python", "send.py", $$"""
                import requests

                answer = requests.post(
                    "{{url}}",
                    headers={"X-Api-Id": "{{apiId}}", "X-Api-Key": "{{KeyPlaceholder}}"},
                    json={"mobile": "13800138000", "templateId": 1, "content": "1234"},
                    timeout=10,
                )
                print(answer.status_code, answer.text)
                """),
            new("PHP", "send.php", $$"""
                <?php
                $context = stream_context_create(["http" => [
                    "method" => "POST",
                    "header" => "X-Api-Id: {{apiId}}\r\nX-Api-Key: {{KeyPlaceholder}}\r\nContent-Type: application/json\r\n",
                    "content" => json_encode(["mobile" => "13800138000", "templateId" => 1, "content" => "1234"]),
                    "ignore_errors" => true,
                ]]);
                $answer = file_get_contents("{{url}}", false, $context);
                echo $http_response_header[0], " ", $answer, "\n";
                """),
            new("Java", "SendSms.java", $$"""
                import java.net.URI;
                import java.net.http.HttpClient;
                import java.net.http.HttpRequest;
                import java.net.http.HttpResponse;

                public class SendSms {
                    public static void main(String[] args) throws Exception {
                        var request = HttpRequest.newBuilder(URI.create("{{url}}"))
                            .header("X-Api-Id", "{{apiId}}")
                            .header("X-Api-Key", "{{KeyPlaceholder}}")
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"mobile\":\"13800138000\",\"templateId\":1,\"content\":\"1234\"}"))
                            .build();
                        var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
                        System.out.println(response.statusCode() + " " + response.body());
                    }
                }
                """),
            new("Go", "send.go", $$"""
                package main

                import (
                	"fmt"
                	"io"
                	"net/http"
                	"strings"
                )

                func main() {
                	body := strings.NewReader(`{"mobile":"13800138000","templateId":1,"content":"1234"}`)
                	request, err := http.NewRequest("POST", "{{url}}", body)
                	if err != nil {
                		panic(err)
                	}
                	request.Header.Set("X-Api-Id", "{{apiId}}")
                	request.Header.Set("X-Api-Key", "{{KeyPlaceholder}}")
                	request.Header.Set("Content-Type", "application/json")
                	response, err := http.DefaultClient.Do(request)
                	if err != nil {
                		panic(err)
                	}
                	defer response.Body.Close()
                	answer, _ := io.ReadAll(response.Body)
                	fmt.Println(response.StatusCode, string(answer))
                }
                """),
            new("Node.js", "send.mjs", $$"""
                // Node 18 or later; save as send.mjs (an ES module, for the top-level await).
                const response = await fetch("{{url}}", {
                  method: "POST",
                  headers: { "X-Api-Id": "{{apiId}}", "X-Api-Key": "{{KeyPlaceholder}}", "Content-Type": "application/json" },
                  body: JSON.stringify({ mobile: "13800138000", templateId: 1, content: "1234" }),
                });
                console.log(response.status, await response.text());
                """),
            new("C#", "Program.cs", $$"""
                using System.Net.Http.Json;

                using var http = new HttpClient();
                using var request = new HttpRequestMessage(HttpMethod.Post, "{{url}}")
                {
                    Content = JsonContent.Create(new { mobile = "13800138000", templateId = 1, content = "1234" }),
                };
                request.Headers.Add("X-Api-Id", "{{apiId}}");
                request.Headers.Add("X-Api-Key", "{{KeyPlaceholder}}");
                using var response = await http.SendAsync(request);
                Console.WriteLine($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                """),
        ];
    }
}
