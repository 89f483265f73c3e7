// Validate access tokens for {{AUDIENCE}} in ASP.NET Core.
// dotnet add package Microsoft.AspNetCore.Authentication.JwtBearer
using Microsoft.AspNetCore.Authentication.JwtBearer;
{{#HS256}}using Microsoft.IdentityModel.Tokens;
using System.Text;
{{/HS256}}
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
{
{{#RS256}}    // RS256: keys come from the tenant's discovery document and JWKS.
    options.Authority = "{{ISSUER}}";
    options.Audience = "{{AUDIENCE}}";
{{/RS256}}{{#HS256}}    // HS256: the API's signing secret comes from configuration (API_SIGNING_SECRET).
    options.TokenValidationParameters = new TokenValidationParameters
    {
        ValidIssuer = "{{ISSUER}}",
        ValidAudience = "{{AUDIENCE}}",
        ValidAlgorithms = new[] { SecurityAlgorithms.HmacSha256 },
        IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(builder.Configuration["API_SIGNING_SECRET"]!)),
    };
{{/HS256}}});
builder.Services.AddAuthorization(o => o.AddPolicy("{{FIRST_SCOPE}}", p => p.RequireAssertion(c =>
    c.User.FindFirst("scope")?.Value.Split(' ').Contains("{{FIRST_SCOPE}}") == true)));

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.MapGet("/api/orders", (System.Security.Claims.ClaimsPrincipal user) => new { ok = true, sub = user.FindFirst("sub")?.Value })
   .RequireAuthorization();
app.Run();
