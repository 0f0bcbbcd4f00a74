using Stm.WovenRunner;

// Usage (one line of output per result, "name<TAB>value"; exit code 0 unless the runner itself failed):
//   run <assembly>                      every entry point's result
//   prepare <assembly>                  force-JIT every method (generic ones instantiated): failures, JIT time (total, slowest method)
//   inject <original> <woven> [entry]   abort at every barrier of every entry point: mismatches
//   call <assembly> <type> <method> [int args...]   one static method's result (or exception), and the thread's commit count
return args switch
{
    ["run", var assembly] => Commands.Run(assembly),
    ["prepare", var assembly] => Commands.Prepare(assembly),
    ["inject", var original, var woven] => Commands.Inject(original, woven, null),
    ["inject", var original, var woven, var entry] => Commands.Inject(original, woven, entry),
    ["call", var assembly, var type, var method, .. var rest] => Commands.Call(assembly, type, method, rest),
    _ => Commands.Usage(),
};
