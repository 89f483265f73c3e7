// Get a Machine-to-Machine token for {{AUDIENCE}} and call the API (Java 11+, no libraries).
// The secret comes from the environment: CLIENT_SECRET=... java Call.java
// The token is cached until shortly before it expires (Auth0 counts M2M tokens).
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class Call {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static String token;
    private static Instant expiresAt = Instant.EPOCH;

    static synchronized String getToken() throws Exception {
        if (token != null && Instant.now().plusSeconds(60).isBefore(expiresAt)) return token;
        String form = "grant_type=client_credentials"
            + "&client_id=" + enc("{{CLIENT_ID}}")
            + "&client_secret=" + enc(System.getenv("CLIENT_SECRET"))
            + "&audience=" + enc("{{AUDIENCE}}");
        HttpRequest request = HttpRequest.newBuilder(URI.create("{{TOKEN_URL}}"))
            .header("content-type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) throw new IllegalStateException("token request failed: " + response.body());
        token = field(response.body(), "\"access_token\"\\s*:\\s*\"([^\"]+)\"");
        expiresAt = Instant.now().plusSeconds(Long.parseLong(field(response.body(), "\"expires_in\"\\s*:\\s*(\\d+)")));
        return token;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String field(String json, String regex) {
        Matcher m = Pattern.compile(regex).matcher(json);
        if (!m.find()) throw new IllegalStateException("unexpected token response");
        return m.group(1);
    }

    public static void main(String[] args) throws Exception {
        String apiUrl = System.getenv().getOrDefault("API_URL", "{{AUDIENCE}}");
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl)).header("Authorization", "Bearer " + getToken()).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        System.out.println(response.statusCode() + " " + response.body());
    }
}
