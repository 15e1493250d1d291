-- For book/test/include.sh: print the text of every code block, each
-- followed by a line "----", to compare with expected.txt.
function CodeBlock(block)
  io.stdout:write(block.text, "\n----\n")
end
