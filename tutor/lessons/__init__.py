"""The course: lesson files read, validated and translated; conditions judged; the glossary."""
