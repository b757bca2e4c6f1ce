using System.Security.Claims;
using MedChain.Api.Errors;

namespace MedChain.Api.Security;

/// <summary>Who is calling, from the token's claims, and the "only for himself" checks.</summary>
public static class CallerExtensions
{
    /// <summary>The participant id (token subject).</summary>
    public static string Subject(this ClaimsPrincipal user) =>
        user.FindFirstValue("sub") ?? throw ApiProblemException.Forbidden("The token has no subject.");

    /// <summary>True when the caller has the role.</summary>
    public static bool Is(this ClaimsPrincipal user, string role) => user.HasClaim("role", role);

    /// <summary>403 unless the caller is the participant <paramref name="id"/> in <paramref name="role"/>.</summary>
    public static void RequireSelf(this ClaimsPrincipal user, string role, string id)
    {
        if (!user.Is(role) || user.Subject() != id)
        {
            throw ApiProblemException.Forbidden($"Only {role} '{id}' may do this.");
        }
    }
}
