// Get a Machine-to-Machine token for {{AUDIENCE}} and call the API (.NET 6+, no packages).
// The secret comes from the environment: CLIENT_SECRET=... dotnet run
// The token is cached until shortly before it expires (Auth0 counts M2M tokens).
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;

var http = new HttpClient();
var tokens = new TokenCache(http);
var apiUrl = Environment.GetEnvironmentVariable("API_URL") ?? "{{AUDIENCE}}";
var request = new HttpRequestMessage(HttpMethod.Get, apiUrl);
request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetAsync());
var response = await http.SendAsync(request);
Console.WriteLine($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");

class TokenCache(HttpClient http)
{
    private string? _token;
    private DateTimeOffset _expiresAt;

    public async Task<string> GetAsync()
    {
        if (_token != null && _expiresAt - DateTimeOffset.UtcNow > TimeSpan.FromMinutes(1)) return _token;
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "{{CLIENT_ID}}",
            ["client_secret"] = Environment.GetEnvironmentVariable("CLIENT_SECRET")!,
            ["audience"] = "{{AUDIENCE}}",
        });
        var response = await http.PostAsync("{{TOKEN_URL}}", form);
        response.EnsureSuccessStatusCode();
        var body = (await response.Content.ReadFromJsonAsync<TokenResponse>())!;
        _token = body.AccessToken;
        _expiresAt = DateTimeOffset.UtcNow.AddSeconds(body.ExpiresIn);
        return _token;
    }

    record TokenResponse([property: JsonPropertyName("access_token")] string AccessToken,
                         [property: JsonPropertyName("expires_in")] int ExpiresIn);
}
