from aktstykker_gen.cli import main

raise SystemExit(main())
