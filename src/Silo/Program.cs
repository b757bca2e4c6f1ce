using MedChain.Silo;
using Orleans.Dashboard;

WebApplication app = WebApplication.CreateBuilder(args).AddMedChainSilo().Build();
app.MapHealthChecks("/health");
// The dashboard shows every grain of the cluster and has no login: loopback callers only, whatever the silo binds.
app.UseWhen(http => http.Request.Path.StartsWithSegments("/dashboard"), dashboard => dashboard.Use((http, next) =>
    http.Connection.RemoteIpAddress is { } address && System.Net.IPAddress.IsLoopback(address) ? next(http) : Results.StatusCode(StatusCodes.Status403Forbidden).ExecuteAsync(http)));
app.MapOrleansDashboard("/dashboard");
app.Run();
