# Multi-stage build: compile in the Go image, run the static binary in a
# small image with the seed documents next to it.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags='-s -w' -o /out/sourcecmp ./cmd/sourcecmp

FROM gcr.io/distroless/static-debian12:nonroot
WORKDIR /app
COPY --from=build /out/sourcecmp /app/sourcecmp
COPY seeds /app/seeds
# Inside a container the server must listen on every interface.
ENV SOURCECMP_ADDR=0.0.0.0:8080
EXPOSE 8080
ENTRYPOINT ["/app/sourcecmp"]
CMD ["serve"]
