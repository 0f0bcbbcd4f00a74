using Mono.Cecil;

namespace Stm.Weaving.Il;

public static class TypeExtensions
{
    /// <summary><c>void</c>, also behind modifiers (an init accessor returns <c>void modreq(IsExternalInit)</c>).</summary>
    public static bool IsVoid(this TypeReference type)
    {
        while (type is IModifierType modified)
            type = modified.ElementType;
        return type.MetadataType == MetadataType.Void;
    }
}
