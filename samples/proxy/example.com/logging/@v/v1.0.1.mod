module example.com/logging

go 1.21

// v1.0.0 corrupts rotated log files.
retract v1.0.0
