using Mono.Cecil;

namespace Stm.Weaving.Il;

public static class TypeExtensions
{
    /// <summary><c>void</c>, also behind modifiers (an init accessor returns <c>void modreq(IsExternalInit)</c>).</summary>
    public static bool IsVoid(this TypeReference type) => type.WithoutModifiers().MetadataType == MetadataType.Void;

    /// <summary>The type behind its modifiers (an <c>in</c> parameter is <c>T&amp; modreq(InAttribute)</c>).</summary>
    public static TypeReference WithoutModifiers(this TypeReference type)
    {
        while (type is IModifierType modified)
            type = modified.ElementType;
        return type;
    }
}
