using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Security.AccessControl;
using System.Security.Principal;

namespace WebsocketProxy.Ipc.Platform.Windows;

/// <summary>
/// Who this user is (the SID of the process token's user) and the security every object and directory of the back-end
/// gets: owned by the user, a protected DACL granting the user alone (<see cref="WindowsObjectNames.SecurityDescriptor"/>).
/// </summary>
[SupportedOSPlatform("windows")]
internal static unsafe class WindowsSecurity
{
    private static readonly Lazy<nint> Descriptor = new(CreateDescriptor);

    /// <summary>The SID of the user this process runs as, in string form.</summary>
    public static string UserSid { get; } = CurrentUser().Value;

    /// <summary><c>SECURITY_ATTRIBUTES</c> with the back-end's descriptor (made once per process), not inheritable.</summary>
    public static Win32.SecurityAttributes Attributes => new()
    {
        Length = sizeof(Win32.SecurityAttributes),
        SecurityDescriptor = Descriptor.Value,
        InheritHandle = 0,
    };

    /// <summary>The SID that owns the kernel object behind <paramref name="handle"/> (which needs READ_CONTROL access).</summary>
    public static string OwnerOf(SafeHandle handle)
    {
        nint owner = 0;
        nint descriptor = 0;
        var error = Win32.GetSecurityInfo(handle, Win32.KernelObject, Win32.OwnerSecurityInformation, &owner, null, null, null, &descriptor);
        if (error != 0)
        {
            throw new IOException($"Cannot read the owner of a shared object ({Marshal.GetPInvokeErrorMessage(error)}).");
        }

        try
        {
            if (!Win32.ConvertSidToStringSid(owner, out var text))
            {
                throw new IOException($"Cannot read the owner of a shared object ({Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}).");
            }

            try
            {
                return Marshal.PtrToStringUni(text) ?? string.Empty;
            }
            finally
            {
                _ = Win32.LocalFree(text);
            }
        }
        finally
        {
            _ = Win32.LocalFree(descriptor);
        }
    }

    /// <summary>Refuses an object that another user created under this user's name.</summary>
    /// <exception cref="UnauthorizedAccessException">It is owned by someone else.</exception>
    public static void CheckOwner(SafeHandle handle, string name)
    {
        var owner = OwnerOf(handle);
        if (!string.Equals(owner, UserSid, StringComparison.OrdinalIgnoreCase))
        {
            throw new UnauthorizedAccessException(
                $"The shared object '{name}' is owned by {Describe(owner)}, not by this user ({Describe(UserSid)}). Another user may have " +
                "created it to block or read this user's proxy; refusing to use it.");
        }
    }

    /// <summary>The security of the back-end's directory: owned by the user, a protected DACL granting the user alone, inherited by its files.</summary>
    public static DirectorySecurity PrivateDirectory()
    {
        var user = CurrentUser();
        var security = new DirectorySecurity();
        security.SetOwner(user);
        security.SetAccessRuleProtection(isProtected: true, preserveInheritance: false);
        security.AddAccessRule(new FileSystemAccessRule(
            user,
            FileSystemRights.FullControl,
            InheritanceFlags.ContainerInherit | InheritanceFlags.ObjectInherit,
            PropagationFlags.None,
            AccessControlType.Allow));
        return security;
    }

    /// <summary>Why <paramref name="security"/> is not private to this user, or null when it is.</summary>
    public static string? WhyNotPrivate(DirectorySecurity security)
    {
        var owner = security.GetOwner(typeof(SecurityIdentifier))?.Value;
        if (!string.Equals(owner, UserSid, StringComparison.OrdinalIgnoreCase))
        {
            return $"owned by {Describe(owner ?? "nobody")}";
        }

        foreach (FileSystemAccessRule rule in security.GetAccessRules(includeExplicit: true, includeInherited: true, typeof(SecurityIdentifier)))
        {
            if (rule.AccessControlType == AccessControlType.Allow && !string.Equals(rule.IdentityReference.Value, UserSid, StringComparison.OrdinalIgnoreCase))
            {
                return $"open to {Describe(rule.IdentityReference.Value)} ({rule.FileSystemRights})";
            }
        }

        return null;
    }

    private static string Describe(string sid)
    {
        try
        {
            return $"{sid} ({new SecurityIdentifier(sid).Translate(typeof(NTAccount)).Value})";
        }
        catch (SystemException)
        {
            return sid;
        }
    }

    /// <summary>The SID of the user process <paramref name="pid"/> runs as; null when it is gone or its token cannot be read.</summary>
    public static string? UserOfProcess(int pid)
    {
        using var process = Win32.OpenProcess(Win32.ProcessQueryLimitedInformation, inheritHandle: false, (uint)pid);
        if (process.IsInvalid || !Win32.OpenProcessToken(process, Win32.TokenQuery, out var token))
        {
            return null;
        }

        try
        {
            using var identity = new WindowsIdentity(token); // duplicates the token
            return identity.User?.Value;
        }
        finally
        {
            _ = Win32.CloseHandle(token);
        }
    }

    private static SecurityIdentifier CurrentUser()
    {
        using var identity = WindowsIdentity.GetCurrent();
        return identity.User ?? throw new InvalidOperationException("The process token has no user SID.");
    }

    private static nint CreateDescriptor()
    {
        // Made once and kept for the life of the process (LocalAlloc'd by the system): every object uses it.
        var sddl = WindowsObjectNames.SecurityDescriptor(UserSid);
        return Win32.ConvertStringSecurityDescriptorToSecurityDescriptor(sddl, Win32.SecurityDescriptorRevision, out var descriptor, 0)
            ? descriptor
            : throw new InvalidOperationException($"Cannot build the security descriptor '{sddl}' ({Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}).");
    }
}
