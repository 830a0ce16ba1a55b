Console.WriteLine("switchyard");
