using System.Security.Claims;
using MedChain.Api.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedChain.Api.Security;

/// <summary>Who is calling, from the token's claims, and the "only for himself" check.</summary>
public static class CallerExtensions
{
    /// <summary>The participant id (token subject; every token the API issues has one).</summary>
    public static string Subject(this ClaimsPrincipal user) => user.FindFirstValue("sub") ?? "";

    /// <summary>True when the caller has the role.</summary>
    public static bool Is(this ClaimsPrincipal user, string role) => user.HasClaim("role", role);

    /// <summary>Null when the caller is the participant <paramref name="id"/> in <paramref name="role"/>, else the 403 to answer.</summary>
    public static ProblemHttpResult? NotSelf(this ClaimsPrincipal user, string role, string id) =>
        user.Is(role) && user.Subject() == id ? null : Problems.Forbidden($"Only {role} '{id}' may do this.");
}
