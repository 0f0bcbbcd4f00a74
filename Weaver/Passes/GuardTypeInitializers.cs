using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Cecil.Rocks;
using Stm.Weaving.Il;

namespace Stm.Weaving.Passes;

/// <summary>
/// Pass 8: the static constructor of every woven type runs as the original code, and so does the
/// woven code it calls (docs/abi.md §8): its body is wrapped as
/// <code>
///   TxDescriptor.EnterTypeInitializer();
///   try { body (each ret: leave end) } finally { TxDescriptor.ExitTypeInitializer(); }
/// end: ret
/// </code>
/// A static constructor runs under the runtime's class-initialization lock, which the STM cannot
/// see: a callee waiting for the STM while the STM's holder waits for the type would hang both.
/// </summary>
internal static class GuardTypeInitializers
{
    public static void Run(WeavingContext context)
    {
        foreach (var type in context.WovenTypes)
        {
            if (type.GetStaticConstructor() is { HasBody: true } initializer)
                context.ForEachMethod([initializer], method => Wrap(context, method));
        }
    }

    private static void Wrap(WeavingContext context, MethodDefinition initializer)
    {
        var body = initializer.Body;
        body.SimplifyMacros();
        var il = body.GetILProcessor();
        var end = Instruction.Create(OpCodes.Ret);
        foreach (var ret in body.Instructions.Where(i => i.OpCode.Code == Code.Ret).ToList())
        {
            ret.OpCode = OpCodes.Leave;
            ret.Operand = end;
        }
        var tryStart = body.Instructions[0];
        il.InsertBefore(tryStart, Instruction.Create(OpCodes.Call, context.Runtime.EnterTypeInitializer));
        var finallyStart = Instruction.Create(OpCodes.Call, context.Runtime.ExitTypeInitializer);
        BodyEditor.AppendAfterEnd(body, [finallyStart, Instruction.Create(OpCodes.Endfinally), end]);
        body.ExceptionHandlers.Add(new ExceptionHandler(ExceptionHandlerType.Finally)
        {
            TryStart = tryStart,
            TryEnd = finallyStart,
            HandlerStart = finallyStart,
            HandlerEnd = end,
        });
        body.OptimizeMacros();
    }
}
